/**
 * RunLauncher on AWS Step Functions: a run is an execution of the RunFlow state machine whose
 * name is the run id (see shared/run/run-name.ts).
 */
// Types only at the top: the SDK comes through lazy-client.ts on the first call, not at cold
// start, so the webhook's init does not pay for it (docs/bench.md, P3).
import type { DescribeExecutionCommandOutput, HistoryEvent, SFNClient } from '@aws-sdk/client-sfn';
import { DwqError, ValidationError } from '../../errors.ts';
import type { RunInput, RunLauncher, RunReport, RunState } from '../../model.ts';
import { flowFromRunName } from '../../run/run-name.ts';
import { lazyClient } from '../lazy-client.ts';

export interface SfnRunLauncherOptions {
  /** `arn:<partition>:states:<region>:<account>:stateMachine:<name>` */
  readonly stateMachineArn: string;
  /** Defaults to one client shared by every launcher in the process (kept across invocations). */
  readonly client?: SFNClient;
}

const stepFunctions = lazyClient(
  () => import('@aws-sdk/client-sfn'),
  (sdk) => new sdk.SFNClient({}),
);

/** The SDK module, and the client to send its commands with. */
async function sfn(client: SFNClient | undefined) {
  const sdk = await stepFunctions.sdk();
  return { sdk, client: client ?? (await stepFunctions.client()) };
}

/** How many of the newest history events are searched for the loop's latest `run`. */
const HISTORY_EVENTS_SEARCHED = 20;
const MAX_MESSAGE_LENGTH = 500;

export class SfnRunLauncher implements RunLauncher {
  readonly #stateMachineArn: string;
  readonly #executionArnPrefix: string;
  readonly #client: SFNClient | undefined;

  constructor(options: SfnRunLauncherOptions) {
    this.#stateMachineArn = options.stateMachineArn;
    this.#executionArnPrefix = executionArnPrefix(options.stateMachineArn);
    this.#client = options.client;
  }

  async start(name: string, input: RunInput): Promise<{ runId: string; alreadyStarted: boolean }> {
    // Step Functions answers an identical repeat with success, indistinguishable from a first
    // start; asking first is what lets a retried delivery be reported as a duplicate.
    if ((await this.#describeExecution(name)) !== undefined) return { runId: name, alreadyStarted: true };
    const { sdk, client } = await sfn(this.#client);
    try {
      await client.send(
        new sdk.StartExecutionCommand({ stateMachineArn: this.#stateMachineArn, name, input: JSON.stringify(input) }),
      );
      return { runId: name, alreadyStarted: false };
    } catch (error) {
      // Same name, different input (a retry re-signed with a new timestamp): the first run stands.
      if (errorName(error) === 'ExecutionAlreadyExists') return { runId: name, alreadyStarted: true };
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

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'UnknownError';
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

/** Why an execution failed, as Step Functions recorded it; the cause is trimmed, it can be long. */
function failureMessage(execution: DescribeExecutionCommandOutput): string | undefined {
  if (execution.error === undefined) return undefined;
  const cause = parseJson(execution.cause);
  const detail = isRecord(cause) && typeof cause.errorMessage === 'string' ? cause.errorMessage : execution.cause;
  const message = detail ? `${execution.error}: ${detail}` : execution.error;
  return message.slice(0, MAX_MESSAGE_LENGTH);
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
