import type { EmulatorFlow } from './types.ts';

export interface TimedStep {
  readonly name: string;
  /** Emulated milliseconds after the job was submitted. */
  readonly startMs: number;
  readonly endMs: number;
}

export interface JobTimeline {
  readonly queuedMs: number;
  readonly steps: readonly TimedStep[];
  /** When the job reaches its outcome, in emulated ms after submission. */
  readonly endMs: number;
}

/** Where each step of a flow falls, in emulated time after submission: queue, then the steps in turn. */
export function timelineOf(flow: EmulatorFlow): JobTimeline {
  const queuedMs = Math.round((flow.queuedSeconds ?? 0) * 1000);
  let at = queuedMs;
  const steps = flow.steps.map((step) => {
    const startMs = at;
    at += Math.round(step.seconds * 1000);
    return { name: step.name, startMs, endMs: at };
  });
  return { queuedMs, steps, endMs: at };
}
