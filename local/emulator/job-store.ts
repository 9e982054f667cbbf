import { randomUUID } from 'node:crypto';
import { MAX_LISTED_JOBS } from '../../shared/dataworq/constants.ts';
import type { FlowParameter, JobStatus } from '../../shared/dataworq/types.ts';
import { ValidationError } from '../../shared/errors.ts';
import { answers } from './answers.ts';
import type { EmulatorAnswer } from './answers.ts';
import { EmulatorJob } from './emulator-job.ts';
import { parseJobRequest } from './job-request.ts';
import type { EmulatorFlow, StatusForm } from './types.ts';

const LIST_FILTERS: Record<string, (status: string) => boolean> = {
  active: (status) => status === 'QUEUED' || status === 'RUNNING',
  history: (status) => status !== 'QUEUED' && status !== 'RUNNING',
};

export interface JobStoreOptions {
  readonly clock: () => number;
  readonly speed: number;
  readonly statusForm: StatusForm;
  readonly unknownJobAnswer: 400 | 404;
}

/** DataWORQ's behaviour behind the three operations: the flows it knows and the jobs it ran. */
export class JobStore {
  readonly #options: JobStoreOptions;
  readonly #flows = new Map<string, EmulatorFlow>();
  #jobs: EmulatorJob[] = [];

  constructor(flows: readonly EmulatorFlow[], options: JobStoreOptions) {
    this.#options = options;
    for (const flow of flows) this.addFlow(flow);
  }

  addFlow(flow: EmulatorFlow): void {
    assertFlow(flow);
    this.#flows.set(flow.flowId, flow);
  }

  forgetJobs(): void {
    this.#jobs = [];
  }

  find(jobId: string): EmulatorJob | undefined {
    return this.#jobs.find((job) => job.id === jobId && !job.vanished);
  }

  /** Reads the flowId out of an execute body, for fault matching; undefined if there is none. */
  static flowIdOf(body: string): string | undefined {
    try {
      const flowId: unknown = (JSON.parse(body) as { flowId?: unknown } | null)?.flowId;
      return typeof flowId === 'string' ? flowId : undefined;
    } catch {
      return undefined;
    }
  }

  execute(body: string): EmulatorAnswer {
    const request = parseJobRequest(body);
    if (typeof request === 'string') return answers.badRequest(request);
    const flow = this.#flows.get(request.flowId);
    if (flow === undefined) return answers.badRequest(`unknown flowId ${JSON.stringify(request.flowId)}`);
    const profiles = flow.runProfiles ?? ['default'];
    if (!profiles.includes(request.runProfileName)) {
      return answers.badRequest(`flow ${flow.name} has no run profile ${JSON.stringify(request.runProfileName)}`);
    }
    const refusal = parameterRefusal(flow, request.parameters);
    if (refusal !== undefined) return answers.badRequest(refusal);
    const job = new EmulatorJob({ id: randomUUID(), flow, ...request, submittedAt: this.#options.clock() });
    this.#jobs.push(job);
    return answers.json({ jobId: job.id });
  }

  status(jobId: string, filter: string | undefined, statusOverride?: string): EmulatorAnswer {
    const job = this.find(jobId);
    if (job === undefined) {
      return this.#options.unknownJobAnswer === 404 ? answers.text('Not Found', 404) : answers.badRequest();
    }
    const status = this.#statusOf(job, statusOverride);
    if (filter === undefined) return answers.json(status);
    if (filter !== 'executionStatus') return answers.badRequest(`unknown filter ${JSON.stringify(filter)}`);
    const value = status.executionStatus;
    if (this.#options.statusForm === 'text') return answers.text(value, 200);
    return answers.json(this.#options.statusForm === 'object' ? { executionStatus: value } : value);
  }

  list(filter: string | undefined, statusOverride?: string): EmulatorAnswer {
    const keep = filter === undefined ? () => true : LIST_FILTERS[filter];
    if (keep === undefined) return answers.badRequest(`unknown filter ${JSON.stringify(filter)}`);
    const statuses = this.all(statusOverride).filter((job) => keep(job.executionStatus));
    return answers.json(statuses.slice(0, MAX_LISTED_JOBS));
  }

  /** Every job as a status call would show it now, newest first. */
  all(statusOverride?: string): JobStatus[] {
    const visible = this.#jobs.filter((job) => !job.vanished);
    return visible.reverse().map((job) => this.#statusOf(job, statusOverride));
  }

  #statusOf(job: EmulatorJob, statusOverride: string | undefined): JobStatus {
    const status = job.statusAt(this.#options.clock(), this.#options.speed);
    return statusOverride === undefined ? status : { ...status, executionStatus: statusOverride };
  }
}

/** The flow's declared names and types, when it has them (parseJobRequest checked the rest). */
function parameterRefusal(flow: EmulatorFlow, parameters: readonly FlowParameter[]): string | undefined {
  if (flow.parameters === undefined) return undefined;
  for (const { name, type } of parameters) {
    const declared = flow.parameters.find((candidate) => candidate.name === name);
    if (declared === undefined) return `parameter ${name}: flow ${flow.name} has no such parameter`;
    if (declared.type !== type) return `parameter ${name}: flow ${flow.name} expects ${declared.type}, got ${type}`;
  }
  return undefined;
}

function assertFlow(flow: EmulatorFlow): void {
  const where = `emulator flow ${JSON.stringify(flow?.name ?? flow?.flowId)}`;
  if (typeof flow?.flowId !== 'string' || flow.flowId === '') throw new ValidationError(`${where}: flowId is required`);
  if (typeof flow.name !== 'string' || flow.name === '') throw new ValidationError(`${where}: name is required`);
  if (!Array.isArray(flow.steps) || flow.steps.length === 0) throw new ValidationError(`${where}: needs at least one step`);
  if (flow.steps.some((step) => !(Number.isFinite(step.seconds) && step.seconds >= 0))) {
    throw new ValidationError(`${where}: step seconds must be numbers ≥ 0`);
  }
  if (!['COMPLETED', 'ERROR', 'CANCELLED'].includes(flow.outcome)) {
    throw new ValidationError(`${where}: outcome must be COMPLETED, ERROR or CANCELLED`);
  }
}
