/**
 * Runs the synthesized RunFlow definition with aws-local-stepfunctions, each Task state mapped to
 * an in-process handler. It is also a RunLauncher: the webhook and the schedules start runs here
 * exactly as they start Step Functions executions in AWS (idempotent by name).
 */
import { StateMachine } from 'aws-local-stepfunctions';
import { systemClock, type Clock } from '../../shared/clock.ts';
import type { RunInput, RunLauncher, RunReport, RunStart, RunState } from '../../shared/model.ts';
import type { AslDefinition } from './definition.ts';

export type TaskHandler = (input: unknown) => Promise<unknown>;

export interface LocalExecutorOptions {
  readonly definition: AslDefinition;
  /** Handlers by Task state name (shared/run/states.ts): Submit, Check, Notify. */
  readonly tasks: Readonly<Record<string, TaskHandler>>;
  /** Milliseconds per Wait state instead of its seconds (tests); omitted = wait for real. */
  readonly waitMs?: number;
  /**
   * Wait states wait their seconds divided by this (local mode's `--speed`, in step with a
   * scaled clock). Ignored when waitMs is set. Default 1: real waits.
   */
  readonly timeScale?: number;
  /** Start and stop times of runs; default the wall clock. */
  readonly clock?: Clock;
  /** Milliseconds per retry pause instead of the definition's backoff (tests). */
  readonly retryMs?: number;
  /** Called whenever a Task returns a RunState, so a live view can follow the run. */
  readonly onProgress?: (runId: string, run: RunState) => void;
  readonly onEnd?: (record: LocalRun) => void;
}

export interface LocalRun {
  readonly runId: string;
  readonly input: RunInput;
  readonly startedAt: string;
  state: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  latest?: RunState;
  output?: { run: RunState; [key: string]: unknown };
  error?: string;
  stoppedAt?: string;
  /** Every state's output size in bytes, in order (tests check the 256 KB limit). */
  readonly stateOutputBytes: number[];
  readonly done: Promise<void>;
}

export class LocalExecutor implements RunLauncher {
  private readonly machine: StateMachine;
  private readonly runs = new Map<string, LocalRun>();
  private readonly aborts = new Map<string, () => void>();
  private readonly options: LocalExecutorOptions;
  private readonly clock: Clock;

  constructor(options: LocalExecutorOptions) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.machine = new StateMachine(options.definition as never, { validationOptions: { checkArn: false } });
  }

  async start(name: string, input: RunInput): Promise<RunStart> {
    if (this.runs.has(name)) return { runId: name, alreadyStarted: true, firstInput: this.runs.get(name)?.input };
    const startedAt = this.clock.now().toISOString();
    const record = { runId: name, input, startedAt, state: 'RUNNING', stateOutputBytes: [] } as unknown as LocalRun;
    this.runs.set(name, record);
    const execution = this.machine.run(input as never, {
      overrides: this.overrides(name, record) as never,
      context: { Execution: { Id: `local:${name}`, Name: name, Input: input as never, StartTime: startedAt } },
    });
    this.aborts.set(name, execution.abort);
    (record as { done: Promise<void> }).done = execution.result.then(
      (output: unknown) => {
        record.state = 'SUCCEEDED';
        record.output = output as LocalRun['output'];
        if (record.output?.run) record.latest = record.output.run;
      },
      (error: unknown) => {
        record.state = 'FAILED';
        record.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      },
    ).finally(() => {
      record.stoppedAt = this.clock.now().toISOString();
      this.aborts.delete(name);
      this.options.onEnd?.(record);
    });
    return { runId: name, alreadyStarted: false };
  }

  async describe(runId: string): Promise<RunReport | undefined> {
    const record = this.runs.get(runId);
    return record ? reportOf(record) : undefined;
  }

  get(runId: string): LocalRun | undefined {
    return this.runs.get(runId);
  }

  list(): LocalRun[] {
    return [...this.runs.values()];
  }

  /** Resolves when every run started so far has ended. */
  async idle(): Promise<void> {
    await Promise.all([...this.runs.values()].map((run) => run.done));
  }

  /** Stops every running execution (Ctrl-C). */
  abortAll(): void {
    for (const abort of this.aborts.values()) abort();
  }

  private overrides(runId: string, record: LocalRun) {
    const taskResourceLocalHandlers = Object.fromEntries(
      Object.entries(this.options.tasks).map(([state, handler]) => [
        state,
        async (input: unknown) => {
          const output = await handler(input);
          record.stateOutputBytes.push(Buffer.byteLength(JSON.stringify(output ?? null)));
          // Check returns the run's state; Submit the whole run context, the state in `run`.
          const run = isRunState(output) ? output : isRunState((output as { run?: unknown } | null)?.run) ? (output as { run: RunState }).run : undefined;
          if (run !== undefined) {
            record.latest = run;
            this.options.onProgress?.(runId, run);
          }
          return output;
        },
      ]),
    );
    const waitStates = Object.entries(this.options.definition.States).filter(([, state]) => state.Type === 'Wait').map(([name]) => name);
    const retryStates = Object.entries(this.options.definition.States).filter(([, state]) => Array.isArray(state.Retry)).map(([name]) => name);
    return {
      taskResourceLocalHandlers,
      ...(this.options.waitMs !== undefined
        ? { waitTimeOverrides: Object.fromEntries(waitStates.map((name) => [name, this.options.waitMs])) }
        : this.scaledWaits(waitStates, record)),
      ...(this.options.retryMs !== undefined ? { retryIntervalOverrides: Object.fromEntries(retryStates.map((name) => [name, this.options.retryMs])) } : {}),
    };
  }

  /**
   * aws-local-stepfunctions reads a Wait state's override each time the state runs, so a getter
   * can scale the seconds the last Submit/Check chose (`$.run.poll.waitSeconds`, which is what
   * the definition's Wait reads) or the state's fixed `Seconds`.
   */
  private scaledWaits(waitStates: readonly string[], record: LocalRun) {
    const scale = this.options.timeScale ?? 1;
    if (scale === 1) return {};
    const overrides: Record<string, number> = {};
    for (const name of waitStates) {
      const fixed = this.options.definition.States[name]?.['Seconds'];
      Object.defineProperty(overrides, name, {
        enumerable: true,
        get: () => (Number(typeof fixed === 'number' ? fixed : record.latest?.poll.waitSeconds ?? 0) * 1000) / scale,
      });
    }
    return { waitTimeOverrides: overrides };
  }
}

function isRunState(value: unknown): value is RunState {
  return typeof value === 'object' && value !== null && 'runId' in value && 'poll' in value;
}

function reportOf(record: LocalRun): RunReport {
  const run = record.latest;
  return {
    runId: record.runId,
    flow: record.input.flow.name,
    state: record.state,
    ...(run?.outcome ? { outcome: run.outcome } : {}),
    ...(run?.jobId ? { jobId: run.jobId } : {}),
    ...(run?.job?.executionStatus ?? run?.poll.lastStatus ? { executionStatus: run?.job?.executionStatus ?? run?.poll.lastStatus } : {}),
    ...(run?.job?.currentStep ? { currentStep: run.job.currentStep } : {}),
    startedAt: record.startedAt,
    ...(record.stoppedAt ? { stoppedAt: record.stoppedAt } : {}),
    ...(run?.message ?? record.error ? { message: run?.message ?? record.error } : {}),
  };
}
