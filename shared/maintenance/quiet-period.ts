/**
 * Notify's use of maintenance windows and snoozes: a failure inside an open one is recorded under
 * it and alerts no one; after it ends, the first Notify of a covered flow sends its one summary
 * (the store's conditional claim makes it once). Without a store nothing is kept quiet: a failure
 * nobody would ever hear about is worse than one alert too many.
 */
import type { AlertPublisher } from '../alerts/publisher.ts';
import { describeError, type Log } from '../log.ts';
import type { RunFlow } from '../model.ts';
import { maintenanceSummary } from './maintenance-summary.ts';
import { snoozeOpening, type MaintenanceStore, type Snooze, type SuppressedRun } from './maintenance-store.ts';
import type { WindowOpening } from './window.ts';

/**
 * The windows' cron code, and luxon through it, is loaded only for a flow that has windows: most
 * have none, and Notify's cold start need not read it (docs/bench.md, P3).
 */
const windowCode = () => import('./window.ts');

export interface QuietDeps {
  readonly maintenance?: MaintenanceStore;
  readonly publisher: AlertPublisher;
  readonly log: Log;
  /** The flow's snooze, read once for both summaries and suppression (snoozeReadOnce); absent = read from the store. */
  readonly snooze?: () => Promise<Snooze | undefined>;
}

/**
 * One Notify's read of the flow's snooze, shared by its summaries and its suppression: made at
 * the first call, its answer (or its failure) reused by the second. Undefined without a store.
 */
export function snoozeReadOnce(store: MaintenanceStore | undefined, flow: string): (() => Promise<Snooze | undefined>) | undefined {
  if (!store) return undefined;
  let read: Promise<Snooze | undefined> | undefined;
  return () => (read ??= store.snoozeOf(flow));
}

function snoozeOf(flow: RunFlow, store: MaintenanceStore, deps: QuietDeps): Promise<Snooze | undefined> {
  return deps.snooze ? deps.snooze() : store.snoozeOf(flow.name);
}

/**
 * The window or snooze open at `at` that keeps this run's failure quiet, with the run recorded
 * under it: the reason its alert is suppressed. Undefined = alert as usual.
 */
export async function quietWindowFor(flow: RunFlow, run: SuppressedRun, at: Date, deps: QuietDeps): Promise<string | undefined> {
  const store = deps.maintenance;
  if (!store) return undefined;
  try {
    const configured = await configuredOpeningAt(flow, at);
    const snooze = configured ? undefined : await snoozeOf(flow, store, deps);
    const opening: WindowOpening | undefined = configured ?? (snooze && Date.parse(snooze.since) <= at.getTime() && at.getTime() < Date.parse(snooze.until) ? snoozeOpening(snooze) : undefined);
    if (!opening) return undefined;
    await store.record(opening, run);
    return configured ? `maintenance window ${opening.name} (until ${opening.end})` : `snoozed until ${opening.end}${snooze?.by ? ` by ${snooze.by}` : ''}`;
  } catch (error) {
    deps.log.warn('could not read or record the maintenance windows; alerting as usual', { error: describeError(error) });
    return undefined;
  }
}

async function configuredOpeningAt(flow: RunFlow, at: Date): Promise<WindowOpening | undefined> {
  const windows = flow.maintenance ?? [];
  if (windows.length === 0) return undefined;
  const { openingAt } = await windowCode();
  return windows.map((window) => openingAt(window, at)).find((opening) => opening !== undefined);
}

/** Sends the summary of each of the flow's windows (and its snooze) that ended by `now`, once. Best effort. */
export async function sendDueSummaries(flow: RunFlow, now: Date, deps: QuietDeps): Promise<number> {
  const store = deps.maintenance;
  if (!store) return 0;
  let sent = 0;
  try {
    const snooze = await snoozeOf(flow, store, deps);
    const windows = flow.maintenance ?? [];
    const configured = windows.length === 0 ? [] : (await windowCode()).endedOpenings(windows, now);
    const ended = [...configured, ...(snooze && Date.parse(snooze.until) <= now.getTime() ? [snoozeOpening(snooze)] : [])];
    for (const opening of ended) {
      const runs = await store.claimSummary(opening, now);
      if (!runs || runs.length === 0) continue;
      await deps.publisher.publish(maintenanceSummary(opening, runs));
      deps.log.info('maintenance summary sent', { window: opening.name, start: opening.start, runs: runs.length });
      sent++;
    }
  } catch (error) {
    deps.log.warn('could not send a maintenance summary', { error: describeError(error) });
  }
  return sent;
}
