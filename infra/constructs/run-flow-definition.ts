/**
 * The RunFlow state machine's shape (Standard, JSONPath):
 *
 *   Submit → Finished? ─no→ Wait (seconds chosen by Submit/Check) → Check → Finished?
 *                      └yes→ Notify → Retry? ─no→ Done
 *                                           └yes→ RetryWait (the flow's retry.delay) → NextAttempt → Submit
 *
 * Submit returns the run's context with the flow resolved (a schedule's input names its flow:
 * shared/run/scheduled-input.ts) and its RunState in `run`; Check returns a RunState in `$.run`;
 * an outcome in it ends the loop. While the next
 * wait is short, Check waits and checks again inside its invocation (shared/run/polling.ts): the
 * Wait state takes the long waits, which cost nothing while they last, so a round trip (three
 * transitions) is spent only where it is cheaper than Lambda time. A crash of our
 * own code still ends in an alert (the Catch states); only a failed alert fails the execution.
 * Retries (the flow's `retry:`, shared/run/retry.ts): Notify decides whether the outcome starts
 * another attempt and returns `retry: { attempt }`; NextAttempt merges that into `$.trigger`, so
 * Submit starts attempt n with its own journal key, and the next loop begins from a clean state.
 * The same definition runs in AWS and, through aws-local-stepfunctions, on a laptop.
 */
import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { RUN_FLOW_STATES as STATE } from '../../shared/run/states.ts';

const LAMBDA_TRANSIENT = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

const runContext = {
  'flow.$': '$.flow',
  'trigger.$': '$.trigger',
  'run.$': '$.run',
};

export interface RunFlowFunctions {
  readonly submit: lambda.IFunction;
  readonly check: lambda.IFunction;
  readonly notify: lambda.IFunction;
}

export function buildRunFlowDefinition(scope: Construct, fns: RunFlowFunctions): sfn.IChainable {
  // No resultPath: the result replaces the state (ASL's default; aws-local-stepfunctions mishandles
  // an explicit `$`). Only Submit does so: its result is the whole run context, the flow resolved.
  const invoke = (id: string, fn: lambda.IFunction, payload: Record<string, unknown>, resultPath?: string) => {
    const task = new tasks.LambdaInvoke(scope, id, {
      lambdaFunction: fn,
      payload: sfn.TaskInput.fromObject(payload),
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      ...(resultPath ? { resultPath } : {}),
    });
    task.addRetry({ errors: LAMBDA_TRANSIENT, interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 4, maxDelay: Duration.seconds(30), jitterStrategy: sfn.JitterType.FULL });
    return task;
  };

  const submit = invoke(STATE.submit, fns.submit, { 'flow.$': '$.flow', 'trigger.$': '$.trigger', 'runId.$': '$$.Execution.Name' });
  const check = invoke(STATE.check, fns.check, runContext, '$.run');
  // The execution's ARN too, for the alert's console link.
  const notify = invoke(STATE.notify, fns.notify, { ...runContext, 'executionId.$': '$$.Execution.Id' }, '$.notification');
  // The alert must go out: SNS throttling and outages get a longer, jittered retry. If it still
  // fails, the execution fails and the failed-executions alarm reports it.
  notify.addRetry({ errors: ['AlertPublishError'], interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 6, maxDelay: Duration.seconds(60), jitterStrategy: sfn.JitterType.FULL });

  const finished = new sfn.Choice(scope, STATE.finished);
  const wait = new sfn.Wait(scope, STATE.wait, { time: sfn.WaitTime.secondsPath('$.run.poll.waitSeconds') });
  const done = new sfn.Pass(scope, STATE.done, {
    parameters: { 'flow.$': '$.flow.name', 'trigger.$': '$.trigger', 'run.$': '$.run', 'notification.$': '$.notification' },
  });

  // Our own code failed (not DataWORQ: Submit and Check turn those into outcomes). Still alert.
  const submitCrashed = new sfn.Pass(scope, STATE.submitCrashed, {
    parameters: {
      'runId.$': '$$.Execution.Name',
      'submittedAt.$': '$$.Execution.StartTime',
      'deadline.$': '$$.Execution.StartTime',
      poll: { iteration: 0, waitSeconds: 0, consecutiveFailures: 0, consecutiveRejections: 0 },
      outcome: 'SUBMIT_FAILED',
      'message.$': "States.Format('the Submit step failed ({}); the job was not confirmed started, check DataWORQ before re-running', $.error.Error)",
    },
    resultPath: '$.run',
  });
  const checkCrashed = new sfn.Pass(scope, STATE.checkCrashed, {
    parameters: {
      'runId.$': '$.run.runId',
      'submittedAt.$': '$.run.submittedAt',
      'deadline.$': '$.run.deadline',
      'poll.$': '$.run.poll',
      'jobId.$': '$.run.jobId',
      outcome: 'LOST',
      'message.$': "States.Format('the Check step failed ({}); the job may still be running in DataWORQ', $.error.Error)",
    },
    resultPath: '$.run',
  });
  // Check only reads: any crash of it (function error, timeout, out of memory) is retried a few
  // times before the run is given up as LOST. A Submit that timed out is retried once: its run
  // journal lets the retry keep the job the first attempt started (shared/run/submit.ts).
  check.addRetry({ errors: ['States.ALL'], interval: Duration.seconds(5), backoffRate: 2, maxAttempts: 3, maxDelay: Duration.seconds(60), jitterStrategy: sfn.JitterType.FULL });
  submit.addRetry({ errors: ['States.Timeout', 'Sandbox.Timedout'], interval: Duration.seconds(5), maxAttempts: 1 });
  submit.addCatch(submitCrashed, { errors: ['States.ALL'], resultPath: '$.error' });
  check.addCatch(checkCrashed, { errors: ['States.ALL'], resultPath: '$.error' });

  submit.next(finished);
  submitCrashed.next(notify);
  checkCrashed.next(notify);
  finished.when(sfn.Condition.isPresent('$.run.outcome'), notify).otherwise(wait);
  wait.next(check);
  check.next(finished);
  notify.next(retryPath(scope, submit, done));
  return submit;
}

/** Retry? → RetryWait → NextAttempt → Submit when Notify said `retry`; else Done. */
function retryPath(scope: Construct, submit: sfn.IChainable, done: sfn.IChainable): sfn.Choice {
  const retry = new sfn.Choice(scope, STATE.retry);
  const retryWait = new sfn.Wait(scope, STATE.retryWait, { time: sfn.WaitTime.secondsPath('$.notification.retryInSeconds') });
  // Only the run's input goes on: the next attempt starts from a clean state, the attempt in its
  // trigger; a flow still given by name (Submit crashed) is resolved again by Submit.
  const nextAttempt = new sfn.Pass(scope, STATE.nextAttempt, {
    parameters: { 'flow.$': '$.flow', 'trigger.$': 'States.JsonMerge($.trigger, $.notification.retry, false)' },
  });
  retry.when(sfn.Condition.isPresent('$.notification.retry'), retryWait).otherwise(done);
  retryWait.next(nextAttempt);
  nextAttempt.next(submit);
  return retry;
}
