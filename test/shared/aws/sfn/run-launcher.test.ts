import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  SFNClient,
  SFNServiceException,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SfnRunLauncher } from '../../../../shared/aws/sfn/run-launcher.ts';
import { DwqError, ValidationError } from '../../../../shared/errors.ts';
import type { RunInput, RunState } from '../../../../shared/model.ts';
import { checkSucceededEvent, STATE_MACHINE_ARN, stubStepFunctions, submittedRunState } from '../../webhook/step-functions-stub.ts';
import { nightlyFlow } from '../../../helpers/run-flows.ts';

const RUN_ID = 'nightly-load--wh-0123456789abcdef01234567';
const INPUT: RunInput = {
  flow: nightlyFlow({ parameters: [{ name: 'ROWS', type: 'integer', value: 10 }], maxDurationSeconds: 3600, lostAfterSeconds: 900 }),
  trigger: { kind: 'webhook', id: 'msg_1', time: '2025-03-01T10:00:00.000Z' },
};

const runState = (overrides: Partial<RunState>) => submittedRunState(RUN_ID, overrides);

/** A launcher over the stub, after it started RUN_ID with INPUT. */
async function launcherWithRunStarted() {
  const sfn = stubStepFunctions();
  const launcher = new SfnRunLauncher({ stateMachineArn: STATE_MACHINE_ARN });
  await launcher.start(RUN_ID, INPUT);
  return { sfn, launcher };
}

describe('Class: SfnRunLauncher', () => {
  afterEach(() => {
    mockClient(SFNClient).restore();
  });

  it('starts an execution named after the run with the run input', async () => {
    // Prepare
    const sfn = stubStepFunctions();
    const launcher = new SfnRunLauncher({ stateMachineArn: STATE_MACHINE_ARN, client: new SFNClient({}) });

    // Act
    const started = await launcher.start(RUN_ID, INPUT);

    // Assess
    expect(started).toEqual({ runId: RUN_ID, alreadyStarted: false });
    const calls = sfn.client.commandCalls(StartExecutionCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({ stateMachineArn: STATE_MACHINE_ARN, name: RUN_ID, input: JSON.stringify(INPUT) });
  });

  it('starts nothing and reports the first run when the same name is started again', async () => {
    // Prepare
    const { sfn, launcher } = await launcherWithRunStarted();

    // Act
    const repeat = await launcher.start(RUN_ID, INPUT);

    // Assess
    expect(repeat).toMatchObject({ runId: RUN_ID, alreadyStarted: true });
    expect(sfn.client.commandCalls(StartExecutionCommand)).toHaveLength(1);
    expect(sfn.client.commandCalls(DescribeExecutionCommand)[1]?.args[0].input.executionArn).toBe(
      `arn:aws:states:eu-west-1:123456789012:execution:dwq-run-flow:${RUN_ID}`,
    );
  });

  it('reports the existing run when Step Functions answers ExecutionAlreadyExists', async () => {
    // Prepare: the execution appears between our look and our start (a concurrent delivery).
    const sfn = mockClient(SFNClient);
    sfn.on(DescribeExecutionCommand).rejects(new ExecutionDoesNotExist({ message: 'Execution Does Not Exist', $metadata: {} }));
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: {} }));
    const launcher = new SfnRunLauncher({ stateMachineArn: STATE_MACHINE_ARN });

    // Act
    const started = await launcher.start(RUN_ID, INPUT);

    // Assess
    expect(started).toEqual({ runId: RUN_ID, alreadyStarted: true });
  });

  it('fails with a DwqError that keeps the cause when Step Functions is unavailable', async () => {
    // Prepare
    const throttled = new SFNServiceException({ name: 'ThrottlingException', $fault: 'client', message: 'Rate exceeded', $metadata: {} });
    const sfn = mockClient(SFNClient);
    sfn.on(DescribeExecutionCommand).rejects(new ExecutionDoesNotExist({ message: 'Execution Does Not Exist', $metadata: {} }));
    sfn.on(StartExecutionCommand).rejects(throttled);
    const launcher = new SfnRunLauncher({ stateMachineArn: STATE_MACHINE_ARN });

    // Act
    const failure = await launcher.start(RUN_ID, INPUT).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(DwqError);
    expect((failure as DwqError).message).toBe(`could not start execution ${RUN_ID}: ThrottlingException`);
    expect((failure as DwqError).cause).toBe(throttled);
  });

  it('describes an unknown run as undefined', async () => {
    // Prepare
    stubStepFunctions();
    const launcher = new SfnRunLauncher({ stateMachineArn: STATE_MACHINE_ARN });

    // Act
    const report = await launcher.describe(RUN_ID);

    // Assess
    expect(report).toBeUndefined();
  });

  it('reports the DataWORQ status and step from the latest check while the run is going', async () => {
    // Prepare
    const { sfn, launcher } = await launcherWithRunStarted();
    const execution = sfn.executions.get(RUN_ID);
    execution?.history.push(
      checkSucceededEvent(5, runState({ jobId: 'job-1', job: { jobId: 'job-1', executionStatus: 'QUEUED' } })),
      checkSucceededEvent(9, runState({ jobId: 'job-1', job: { jobId: 'job-1', executionStatus: 'RUNNING', currentStep: 'Step 2' } })),
    );

    // Act
    const report = await launcher.describe(RUN_ID);

    // Assess
    expect(report).toEqual({
      runId: RUN_ID,
      flow: 'nightly-load',
      state: 'RUNNING',
      jobId: 'job-1',
      executionStatus: 'RUNNING',
      currentStep: 'Step 2',
      startedAt: '2025-03-01T10:00:00.000Z',
    });
  });

  it('reports the outcome from the output once the run is over', async () => {
    // Prepare
    const { sfn, launcher } = await launcherWithRunStarted();
    const run = runState({
      jobId: 'job-1',
      job: { jobId: 'job-1', executionStatus: 'ERROR', currentStep: 'Step 3' },
      outcome: 'ERROR',
      message: 'Step 3 failed: table locked',
    });
    Object.assign(sfn.executions.get(RUN_ID) ?? {}, {
      status: 'SUCCEEDED',
      stopDate: new Date('2025-03-01T10:20:00.000Z'),
      output: JSON.stringify({ ...INPUT, run }),
    });

    // Act
    const report = await launcher.describe(RUN_ID);

    // Assess
    expect(report).toMatchObject({
      state: 'SUCCEEDED',
      outcome: 'ERROR',
      jobId: 'job-1',
      executionStatus: 'ERROR',
      currentStep: 'Step 3',
      stoppedAt: '2025-03-01T10:20:00.000Z',
      message: 'Step 3 failed: table locked',
    });
  });

  it('explains a failed execution with its error and cause', async () => {
    // Prepare
    const { sfn, launcher } = await launcherWithRunStarted();
    Object.assign(sfn.executions.get(RUN_ID) ?? {}, {
      status: 'FAILED',
      error: 'AlertPublishError',
      cause: JSON.stringify({ errorType: 'AlertPublishError', errorMessage: 'SNS publish failed' }),
    });

    // Act
    const report = await launcher.describe(RUN_ID);

    // Assess
    expect(report?.state).toBe('FAILED');
    // A fixed sentence per error class: the recorded cause may hold ARNs, the account or the region.
    expect(report?.message).toBe('the run ended, but its alert could not be published; the operators have been alarmed');
  });

  it('refuses a state machine ARN it cannot derive execution ARNs from', () => {
    // Act & Assess
    expect(() => new SfnRunLauncher({ stateMachineArn: 'dwq-run-flow' })).toThrow(ValidationError);
  });
});
