import type { JobStatus } from '../../shared/dataworq/types.ts';
import { buildJobLog } from './job-log.ts';
import type { LoggedJob } from './job-log.ts';
import { timelineOf } from './job-timeline.ts';
import type { JobTimeline, TimedStep } from './job-timeline.ts';
import { formatDataworqTime, formatElapsed, formatRuntime } from './time-format.ts';

/**
 * One submitted job. Its status is never stored: it is computed from the emulated time since
 * submission (real elapsed × speed), so a job needs no timers and an injected clock steps it.
 * Reported epoch times are emulated too (submission + emulated offset), consistent with
 * runtimeFormatted, so a sped-up job still reports its nominal duration.
 */
export class EmulatorJob {
  readonly job: LoggedJob;
  readonly timeline: JobTimeline;
  #vanished = false;
  #log: string | undefined;

  constructor(job: LoggedJob) {
    this.job = job;
    this.timeline = timelineOf(job.flow);
  }

  get id(): string {
    return this.job.id;
  }

  get flowId(): string {
    return this.job.flow.flowId;
  }

  /** Forgotten by DataWORQ (the `vanish` fault): status calls answer as for an unknown id. */
  get vanished(): boolean {
    return this.#vanished;
  }

  forget(): void {
    this.#vanished = true;
  }

  statusAt(now: number, speed: number): JobStatus {
    const elapsed = Math.max(0, (now - this.job.submittedAt) * speed);
    const { queuedMs, steps, endMs } = this.timeline;
    if (elapsed < queuedMs) return this.#shape('QUEUED', undefined, elapsed);
    if (elapsed < endMs) return this.#shape('RUNNING', steps.find((step) => elapsed < step.endMs), elapsed);
    return this.#finalShape();
  }

  #shape(status: 'QUEUED' | 'RUNNING', step: TimedStep | undefined, elapsed: number): JobStatus {
    const { submittedAt } = this.job;
    return {
      ...this.#identity(),
      endTime: null,
      executionStatus: status,
      log: null,
      executionPerformanceReport: null,
      error: null,
      currentStepId: step?.name ?? null,
      currentStepDescription: step === undefined ? null : `${step.name} (0 of 1 completed)`,
      currentStepStartTime: step === undefined ? null : submittedAt + step.startMs,
      currentStepStatus: step === undefined ? null : 'RUNNING',
      runProfile: this.#jobName(),
      runtimeFormatted: '',
      startTimeFormatted: formatDataworqTime(submittedAt),
      endTimeFormatted: '',
      currentStepElapsedTime: step === undefined ? null : formatElapsed(elapsed - step.startMs),
    };
  }

  #finalShape(): JobStatus {
    const { flow, submittedAt } = this.job;
    const { steps, endMs } = this.timeline;
    const last = steps.at(-1);
    this.#log ??= buildJobLog(this.job, this.timeline);
    return {
      ...this.#identity(),
      endTime: submittedAt + endMs,
      executionStatus: flow.outcome,
      log: this.#log,
      executionPerformanceReport: null,
      error: flow.outcome === 'ERROR' ? (flow.error ?? 'unknown error') : null,
      currentStepId: last?.name ?? null,
      currentStepDescription: last === undefined ? null : `${last.name} (1)`,
      currentStepStartTime: last === undefined ? null : submittedAt + last.startMs,
      currentStepStatus: flow.outcome,
      runProfile: this.#jobName(),
      runtimeFormatted: formatRuntime(endMs),
      startTimeFormatted: formatDataworqTime(submittedAt),
      endTimeFormatted: formatDataworqTime(submittedAt + endMs),
      currentStepElapsedTime: 'N/A',
    };
  }

  #identity() {
    return {
      id: this.job.id,
      jobType: 'RUNPROFILE',
      flowName: this.job.flow.name,
      runProfileName: this.job.runProfileName,
      jobName: this.#jobName(),
      startTime: this.job.submittedAt,
    };
  }

  #jobName(): string {
    return `${this.job.flow.name}_${this.job.runProfileName}`;
  }
}
