/**
 * A backfill: one run per fire of a schedule in a range, oldest first, `concurrency` at a time,
 * each started exactly as that fire's own run (fire-run.ts), waited for through the ledger, and
 * one summary alert at the end. The same backfill twice starts nothing new: every fire's run is
 * already there under its name, and its outcome is reported as it was.
 */
import type { AlertPublisher } from '../alerts/publisher.ts';
import { describeError } from '../log.ts';
import type { RunLedger } from '../ledger/run-ledger.ts';
import type { Outcome, RunLauncher } from '../model.ts';
import { FAILURE_OUTCOMES } from '../model.ts';
import { BACKFILL } from './constants.ts';
import { startFireRun } from './fire-run.ts';
import type { BackfillPlan, PlannedFire } from './plan.ts';
import { formatBackfillAlert } from './summary-alert.ts';
import { waitForRun } from './wait-for-run.ts';
import { ValidationError } from '../errors.ts';

export interface BackfillDeps {
  readonly launcher: RunLauncher;
  readonly ledger: RunLedger;
  /** The summary alert's way out; absent = no alert. */
  readonly publisher?: AlertPublisher;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly pollMs?: number;
  /** True once the operator stopped the backfill: nothing more is started or waited for. */
  readonly stopped?: () => boolean;
  readonly onEvent?: (event: BackfillEvent) => void;
}

export type FireBucket = 'completed' | 'failed' | 'skipped' | 'unfinished';

export interface FireResult {
  readonly fire: PlannedFire;
  /** `existing`: the run was there already (an earlier backfill, or the fire's own run); `refused`: it could not be started. */
  readonly start: 'new' | 'existing' | 'refused';
  readonly bucket: FireBucket;
  readonly outcome?: Outcome;
  readonly message?: string;
  readonly jobId?: string;
}

export type BackfillEvent =
  | { readonly kind: 'started'; readonly fire: PlannedFire; readonly alreadyStarted: boolean }
  | { readonly kind: 'ended'; readonly result: FireResult };

export interface BackfillSummary {
  readonly plan: BackfillPlan;
  /** In fire order; fires never reached (stopped) are absent. */
  readonly results: readonly FireResult[];
  readonly counts: Readonly<Record<FireBucket, number>> & { readonly started: number; readonly alreadyStarted: number };
  /** The summary alert: published (its id), failed (why), or absent when nothing new was started. */
  readonly alert?: { readonly messageId: string } | { readonly error: string };
}

/** Runs the plan. Refuses (ValidationError) when a template cannot render for a fire. */
export async function runBackfill(plan: BackfillPlan, deps: BackfillDeps): Promise<BackfillSummary> {
  const broken = plan.fires.find((fire) => fire.error !== undefined);
  if (broken) throw new ValidationError(`nothing started: the fire at ${broken.logicalTime} cannot render its parameters: ${broken.error ?? ''}`);
  const stopped = deps.stopped ?? (() => false);
  const results: FireResult[] = [];
  let next = 0;
  const worker = async () => {
    while (!stopped() && next < plan.fires.length) {
      const index = next++;
      const fire = plan.fires[index];
      if (fire === undefined) return;
      results[index] = await runFire(plan, fire, deps, stopped);
      deps.onEvent?.({ kind: 'ended', result: results[index] });
    }
  };
  await Promise.all(Array.from({ length: Math.min(plan.concurrency, plan.fires.length) }, worker));
  const done = results.filter((result) => result !== undefined);
  const summary: BackfillSummary = { plan, results: done, counts: countsOf(done) };
  if (summary.counts.started === 0 || deps.publisher === undefined) return summary;
  return { ...summary, alert: await publishSummary(summary, deps.publisher) };
}

async function runFire(plan: BackfillPlan, fire: PlannedFire, deps: BackfillDeps, stopped: () => boolean): Promise<FireResult> {
  let start: FireResult['start'];
  try {
    const answer = await startFireRun(deps.launcher, plan.flow, plan.schedule, fire.fire);
    start = answer.alreadyStarted ? 'existing' : 'new';
  } catch (error) {
    return { fire, start: 'refused', bucket: 'failed', message: `could not start its run: ${describeError(error)}` };
  }
  deps.onEvent?.({ kind: 'started', fire, alreadyStarted: start === 'existing' });
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const ended = await waitForRun(fire.runId, { launcher: deps.launcher, ledger: deps.ledger, pollMs: deps.pollMs ?? BACKFILL.pollMs, sleep, stopped });
  if (ended === undefined) return { fire, start, bucket: 'unfinished', message: 'still running when the backfill was stopped' };
  return { fire, start, bucket: bucketOf(ended.outcome), outcome: ended.outcome, message: ended.message, jobId: ended.jobId };
}

function bucketOf(outcome: Outcome | undefined): FireBucket {
  if (outcome === 'COMPLETED') return 'completed';
  if (outcome === 'SKIPPED') return 'skipped';
  return outcome === undefined || FAILURE_OUTCOMES.includes(outcome) ? 'failed' : 'completed';
}

function countsOf(results: readonly FireResult[]): BackfillSummary['counts'] {
  const count = (test: (result: FireResult) => boolean) => results.filter(test).length;
  return {
    completed: count((result) => result.bucket === 'completed'),
    failed: count((result) => result.bucket === 'failed'),
    skipped: count((result) => result.bucket === 'skipped'),
    unfinished: count((result) => result.bucket === 'unfinished'),
    started: count((result) => result.start === 'new'),
    alreadyStarted: count((result) => result.start === 'existing'),
  };
}

async function publishSummary(summary: BackfillSummary, publisher: AlertPublisher): Promise<{ messageId: string } | { error: string }> {
  try {
    return await publisher.publish(formatBackfillAlert(summary));
  } catch (error) {
    return { error: describeError(error) };
  }
}
