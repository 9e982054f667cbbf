/**
 * Retries by outcome (docs/config.md, `retry:`): the rules the state machine's retry path
 * (infra/constructs/run-flow-definition.ts: Notify → Retry? → RetryWait → NextAttempt → Submit)
 * and the steps share. Notify decides; each attempt is a new DataWORQ job of the same run.
 *
 * One execution holds every attempt, and Step Functions keeps at most 25,000 history events per
 * execution. The poll loop's bound (POLLING.maxIterations round trips, 9 events each: 18,000) is
 * shared out between the attempts, so attempts × bound stays the same 18,000 whatever `attempts`
 * is, and the margin (7,000 events) covers each attempt's Submit, Notify, Retry?, Wait and Pass
 * (about 25 events an attempt).
 */
import type { Outcome, RunFlow, RunTrigger } from '../model.ts';
import { POLLING } from './polling.ts';

export const RETRY_LIMITS = {
  /** Attempts after the first: 6 loops of 333 round trips at most. */
  maxAttempts: 5,
  /** The longest wait between attempts. */
  maxDelaySeconds: 86_400,
} as const;

/** The attempt a Submit starts: 1 unless the state machine's retry path set it. */
export function attemptOf(trigger: RunTrigger): number {
  return trigger.attempt !== undefined && Number.isSafeInteger(trigger.attempt) && trigger.attempt > 1 ? trigger.attempt : 1;
}

/** The attempts a run may make in all. */
export function totalAttempts(flow: RunFlow): number {
  return 1 + Math.min(flow.retry?.attempts ?? 0, RETRY_LIMITS.maxAttempts);
}

/** True when this outcome of this attempt starts another one. */
export function retriesAfter(flow: RunFlow, outcome: Outcome, attempt: number): boolean {
  return flow.retry !== undefined && flow.retry.on.includes(outcome) && attempt < totalAttempts(flow);
}

/**
 * The poll loop's bound for one attempt: POLLING.maxIterations shared out between the attempts
 * the flow may make, so that every attempt together stays within the execution's history.
 */
export function loopBoundOf(flow: RunFlow): number {
  return Math.floor(POLLING.maxIterations / totalAttempts(flow));
}

/**
 * The run journal's key for an attempt: the run id for the first (the run ledger shares that
 * item), `<runId>#<attempt>` after it, so a retry never adopts the job of the attempt that failed.
 */
export function attemptJournalId(runId: string, attempt: number): string {
  return attempt <= 1 ? runId : `${runId}#${attempt}`;
}
