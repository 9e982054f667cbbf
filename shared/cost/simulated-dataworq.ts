/**
 * DataWORQ in simulated time, for the cost model and the bench: one job that ends after its runtime, a `history` list of
 * the flow's earlier runs, and a clock that every call moves forward by its latency. The run
 * engine's own Submit and Check code talks to it through the ordinary DataworqClient port.
 */
import type { Clock } from '../clock.ts';
import type { DataworqClient, ExecutionStatus, JobListFilter, JobStatus, StartFlowRequest } from '../dataworq/types.ts';


/** Assumed latencies (ms): Cloud Connector round trips and Step Functions/Lambda overheads. */
export const SIM_LATENCY = {
  /** One Step Functions state transition. */
  transitionMs: 30,
  /** A warm Lambda invocation's overhead, before the handler runs. */
  invokeMs: 25,
  executeCallMs: 400,
  statusCallMs: 300,
  /** The history list carries up to 100 whole jobs, logs included. */
  historyCallMs: 1_500,
  getJobCallMs: 500,
} as const;

/** One run to follow: how long it takes, how it ends, and what DataWORQ's history shows. */
export interface SimulatedJob {
  /** The flow's usual runtime (seconds). */
  readonly usualSeconds: number;
  /** This run's runtime from submit to its end (seconds). */
  readonly runtimeSeconds: number;
  readonly outcome: 'COMPLETED' | 'ERROR';
  /** Runtimes of the flow's previous completed runs, newest first. */
  readonly historySeconds: readonly number[];
}

export const SIM_FLOW_NAME = 'SimulatedFlow';

/** A clock the simulation moves by hand. */
export class SimClock implements Clock {
  ms: number;
  constructor(startMs: number) {
    this.ms = startMs;
  }
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export class SimulatedDataworq implements DataworqClient {
  statusCalls = 0;
  listCalls = 0;
  /** Every call: execute, status, job reads and lists. */
  totalCalls = 0;
  /** Clock time at which a status call first saw the job finished. */
  detectedAtMs: number | undefined;
  #startMs = Number.NaN;
  readonly #job: SimulatedJob;
  readonly #clock: SimClock;
  readonly #withHistory: boolean;

  constructor(job: SimulatedJob, clock: SimClock, withHistory: boolean) {
    this.#job = job;
    this.#clock = clock;
    this.#withHistory = withHistory;
  }

  get endMs(): number {
    return this.#startMs + this.#job.runtimeSeconds * 1000;
  }

  async startFlow(_request: StartFlowRequest): Promise<string> {
    this.totalCalls += 1;
    this.#clock.advance(SIM_LATENCY.executeCallMs / 2);
    this.#startMs = this.#clock.ms;
    this.#clock.advance(SIM_LATENCY.executeCallMs / 2);
    return 'simulated-job';
  }

  async getExecutionStatus(): Promise<ExecutionStatus> {
    this.statusCalls += 1;
    this.totalCalls += 1;
    this.#clock.advance(SIM_LATENCY.statusCallMs);
    const status = this.#statusNow();
    if (status !== 'RUNNING') this.detectedAtMs ??= this.#clock.ms;
    return status;
  }

  async getJob(): Promise<JobStatus> {
    this.totalCalls += 1;
    this.#clock.advance(SIM_LATENCY.getJobCallMs);
    const ended = this.#statusNow() !== 'RUNNING';
    return { id: 'simulated-job', flowName: SIM_FLOW_NAME, runProfileName: 'default', executionStatus: this.#statusNow(), startTime: this.#startMs, endTime: ended ? this.endMs : null };
  }

  async listJobs(filter: JobListFilter = 'all'): Promise<JobStatus[]> {
    this.listCalls += 1;
    this.totalCalls += 1;
    this.#clock.advance(SIM_LATENCY.historyCallMs);
    if (filter !== 'history' || !this.#withHistory) return [];
    let endTime = this.#startMs;
    return this.#job.historySeconds.map((seconds, index) => {
      // One earlier run a day, newest first.
      endTime -= 86_400_000;
      return { id: `earlier-${index}`, flowName: SIM_FLOW_NAME, runProfileName: 'default', executionStatus: 'COMPLETED', startTime: endTime - seconds * 1000, endTime };
    });
  }

  #statusNow(): ExecutionStatus {
    return this.#clock.ms >= this.endMs ? this.#job.outcome : 'RUNNING';
  }
}
