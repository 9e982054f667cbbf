/**
 * RunLauncher on AWS Step Functions: a run is an execution of the RunFlow state machine whose
 * name is the run id (see shared/run/run-name.ts).
 */
// Types only at the top: the SDK comes through lazy-client.ts on the first call, not at cold
// start, so the webhook's init does not pay for it (docs/bench.md, P3).
import type { DescribeExecutionCommandOutput, HistoryEvent, SFNClient } from '@aws-sdk/client-sfn';
import { DwqError, RunStartRefusedError, ValidationError } from '../../errors.ts';
import { executionInputBytes, STEP_FUNCTIONS_PAYLOAD_BYTES, type RunInput, type RunLauncher, type RunReport, type RunStart, type RunState } from '../../model.ts';
import { flowFromRunName } from '../../run/run-name.ts';
import type { ClientOption } from '../client-option.ts';
import { AWS_CLIENT_TIMEOUTS, lazyClient } from '../lazy-client.ts';
import { isRecord } from '../../guards.ts';
import { errorName } from '../../log.ts';

export interface SfnRunLauncherOptions extends ClientOption<SFNClient> {
  /** `arn:<partition>:states:<region>:<account>:stateMachine:<name>` */
  readonly stateMachineArn: string;
}

const stepFunctions = lazyClient(
  () => import('@aws-sdk/client-sfn'),
  (sdk) => new sdk.SFNClient({ ...AWS_CLIENT_TIMEOUTS }),
);

/** The SDK module, and the client to send its commands with. */
async function sfn(client: SFNClient | undefined) {
  const sdk = await stepFunctions.sdk();
  return { sdk, client: client ?? (await stepFunctions.client()) };
}

/** StartExecution errors that a retry of the same request meets again. */
const PERMANENT_START_ERRORS = new Set(['InvalidExecutionInput', 'InvalidName', 'InvalidArn', 'StateMachineDoesNotExist', 'StateMachineDeleting', 'ValidationException']);

/** How many of the newest history events are searched for the loop's latest `run`. */
const HISTORY_EVENTS_SEARCHED = 20;

export class SfnRunLauncher implements RunLauncher {
  readonly #stateMachineArn: string;
  readonly #executionArnPrefix: string;
  readonly #client: SFNClient | undefined;

  constructor(options: SfnRunLauncherOptions) {
    this.#stateMachineArn = options.stateMachineArn;
    this.#executionArnPrefix = executionArnPrefix(options.stateMachineArn);
    this.#client = options.client;
  }

  async start(name: string, input: RunInput): Promise<RunStart> {
    // Step Functions answers an identical repeat with success, indistinguishable from a first
    // start; asking first is what lets a retried delivery be reported as a duplicate.
    const existing = await this.#describeExecution(name);
    if (existing !== undefined) {
      const firstInput = parseJson(existing.input) as RunInput | undefined;
      return { runId: name, alreadyStarted: true, ...(isRecord(firstInput) ? { firstInput } : {}) };
    }
    const { sdk, client } = await sfn(this.#client);
    try {
      await client.send(
        new sdk.StartExecutionCommand({ stateMachineArn: this.#stateMachineArn, name, input: JSON.stringify(input) }),
      );
      return { runId: name, alreadyStarted: false };
    } catch (error) {
      // Same name, different input (a retry re-signed with a new timestamp): the first run stands.
      if (errorName(error) === 'ExecutionAlreadyExists') return { runId: name, alreadyStarted: true };
      if (PERMANENT_START_ERRORS.has(errorName(error))) {
        const tooLarge = errorName(error) === 'InvalidExecutionInput' && executionInputBytes(input) > STEP_FUNCTIONS_PAYLOAD_BYTES;
        throw new RunStartRefusedError(`Step Functions refused to start the run (${errorName(error)}); the same request will be refused again`, tooLarge, { cause: error });
      }
      throw new DwqError(`could not start execution ${name}: ${errorName(error)}`, { cause: error });
    }
  }

  async describe(runId: string): Promise<RunReport | undefined> {
    const execution = await this.#describeExecution(runId);
    if (execution === undefined) return undefined;
    let run = runFromOutput(execution.output);
    if (execution.status === 'RUNNING') run = (await this.#latestRunFromHistory(runId)) ?? run;
    return toReport(runId, execution, run);
  }

  async #describeExecution(name: string): Promise<DescribeExecutionCommandOutput | undefined> {
    const executionArn = this.#executionArn(name);
    const { sdk, client } = await sfn(this.#client);
    try {
      return await client.send(new sdk.DescribeExecutionCommand({ executionArn }));
    } catch (error) {
      if (errorName(error) === 'ExecutionDoesNotExist') return undefined;
      throw new DwqError(`could not describe execution ${name}: ${errorName(error)}`, { cause: error });
    }
  }

  async #latestRunFromHistory(name: string): Promise<RunState | undefined> {
    const executionArn = this.#executionArn(name);
    const { sdk, client } = await sfn(this.#client);
    try {
      const history = await client.send(
        new sdk.GetExecutionHistoryCommand({
          executionArn,
          reverseOrder: true,
          maxResults: HISTORY_EVENTS_SEARCHED,
          includeExecutionData: true,
        }),
      );
      for (const event of history.events ?? []) {
        const run = runFromEvent(event);
        if (run !== undefined) return run;
      }
      return undefined;
    } catch {
      // The live step is a nicety: without it the caller still gets the execution's state.
      return undefined;
    }
  }

  #executionArn(name: string): string {
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) throw new ValidationError('run id must be 1-80 characters of A-Z a-z 0-9 - _');
    return `${this.#executionArnPrefix}${name}`;
  }
}

function executionArnPrefix(stateMachineArn: string): string {
  const parts = stateMachineArn.split(':');
  if (parts.length !== 7 || parts[0] !== 'arn' || parts[2] !== 'states' || parts[5] !== 'stateMachine') {
    throw new ValidationError(`not a state machine ARN: ${stateMachineArn}`);
  }
  const [, partition, , region, account, , stateMachineName] = parts;
  return `arn:${partition}:states:${region}:${account}:execution:${stateMachineName}:`;
}


function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}


function isRunState(value: unknown): value is RunState {
  return isRecord(value) && typeof value.runId === 'string' && typeof value.submittedAt === 'string';
}

/** A state's data holds the RunState in `run`, or is one; a lambda:invoke result wraps it in `Payload`. */
function runFrom(value: unknown): RunState | undefined {
  if (isRunState(value)) return value;
  if (!isRecord(value)) return undefined;
  if (isRunState(value.run)) return value.run;
  return isRecord(value.Payload) ? runFrom(value.Payload) : undefined;
}

function runFromOutput(output: string | undefined): RunState | undefined {
  return runFrom(parseJson(output));
}

function runFromEvent(event: HistoryEvent): RunState | undefined {
  const output =
    event.taskSucceededEventDetails?.output ??
    event.lambdaFunctionSucceededEventDetails?.output ??
    event.stateExitedEventDetails?.output;
  return runFromOutput(output);
}

function flowOf(runId: string, input: string | undefined): string {
  const parsed = parseJson(input);
  // A schedule's input names its flow (shared/run/scheduled-input.ts); every other input carries it.
  const flow = isRecord(parsed) ? (isRecord(parsed.flow) ? parsed.flow.name : parsed.flow) : undefined;
  return typeof flow === 'string' ? flow : (flowFromRunName(runId) ?? '');
}

/**
 * Why an execution failed, in a fixed sentence per error class. The recorded cause is for the
 * operator's console: it can carry a topic ARN, the account id and the region, or a caller's data.
 */
const FAILURE_MESSAGES: Readonly<Record<string, string>> = {
  AlertPublishError: 'the run ended, but its alert could not be published; the operators have been alarmed',
  'States.Timeout': 'the run exceeded its time limit in the run engine; the operators have been alarmed',
  'States.TaskFailed': 'a step of the run failed in the run engine; the operators have been alarmed',
};
const DEFAULT_FAILURE_MESSAGE = 'the run failed in the run engine; the operators have been alarmed';

function failureMessage(execution: DescribeExecutionCommandOutput): string | undefined {
  if (execution.error === undefined) return undefined;
  return (Object.hasOwn(FAILURE_MESSAGES, execution.error) ? FAILURE_MESSAGES[execution.error] : undefined) ?? DEFAULT_FAILURE_MESSAGE;
}

function toReport(runId: string, execution: DescribeExecutionCommandOutput, run: RunState | undefined): RunReport {
  return {
    runId,
    flow: flowOf(runId, execution.input),
    state: execution.status ?? 'UNKNOWN',
    outcome: run?.outcome,
    jobId: run?.jobId,
    executionStatus: run?.job?.executionStatus,
    currentStep: run?.job?.currentStep,
    startedAt: (execution.startDate ?? new Date(0)).toISOString(),
    stoppedAt: execution.stopDate?.toISOString(),
    message: run?.message ?? failureMessage(execution),
  };
}
