/**
 * One watch: the window since the last one, the fires that started no run (MISSED), the runs
 * past their expected time (LATE), the completions too fast to be real (SUSPICIOUS); each
 * reported once through the alert publisher. The AWS watchdog Lambda and local mode's watchdog
 * both call this; only their ports differ.
 */
import type { AlertPublisher } from '../alerts/publisher.ts';
import { catchUpFires } from '../backfill/catch-up.ts';
import { startFireRun } from '../backfill/fire-run.ts';
import type { Clock } from '../clock.ts';
import { AlertPublishError } from '../errors.ts';
import type { RunLedger } from '../ledger/run-ledger.ts';
import type { RunRecord } from '../ledger/run-record.ts';
import { describeError, silentLog, type Log } from '../log.ts';
import type { RunLauncher } from '../model.ts';
import { WATCH, WATCH_KEY_PREFIX } from './constants.ts';
import { lateAlerts, suspiciousAlerts } from './late-runs.ts';
import { dueFires, missedAlert, pausedAt, recordedNear, type DueFire } from './missed-fires.ts';
import type { WatchAlert } from './watch-alert.ts';
import { watchedRunFlow, type WatchConfig } from './watch-config.ts';
import type { ClaimLookup, WatchMemory } from './watch-ports.ts';

export interface WatchDeps {
  readonly config: WatchConfig;
  readonly clock: Clock;
  readonly memory: WatchMemory;
  readonly claimed: ClaimLookup;
  readonly ledger: Pick<RunLedger, 'list' | 'listPauses'>;
  readonly publisher: AlertPublisher;
  readonly log?: Log;
  /** Starts the MISSED fires a schedule's `catchUp` asks for; absent = no catch-up. */
  readonly launcher?: RunLauncher;
}

export interface WatchReport {
  readonly at: string;
  /** The alerts this watch published (not those reported by an earlier watch). */
  readonly alerts: readonly WatchAlert[];
  /** Run ids of the missed fires this watch started (catch-up). */
  readonly caughtUp: readonly string[];
}

/** `watch#missed#<flow>#<schedule>#<fire>`, `watch#late#<runId>`, `watch#suspicious#<runId>`. */
export function watchKey(alert: WatchAlert): string {
  const kind = alert.kind.toLowerCase();
  if (alert.kind === 'MISSED') return `${WATCH_KEY_PREFIX}${kind}#${alert.flow}#${alert.schedule}#${alert.fireTime}`;
  return `${WATCH_KEY_PREFIX}${kind}#${alert.runId}`;
}

/**
 * Throws AlertPublishError when an alert could not go out (after trying every other one): the
 * watch is then not noted as complete, so the next one covers the same window and retries it.
 */
export async function runWatch(deps: WatchDeps): Promise<WatchReport> {
  const log = deps.log ?? silentLog;
  const now = deps.clock.now();
  const lastWatchAt = await deps.memory.lastWatch();
  const records = await recentRecords(deps);
  const candidates = [...(await missedFires(deps, now, lastWatchAt, records)), ...runAlerts(deps.config, records, now, lastWatchAt)];
  const sent: WatchAlert[] = [];
  let failures = 0;
  for (const alert of candidates) {
    const outcome = await report(deps, alert, now, log);
    if (outcome === 'sent') sent.push(alert);
    if (outcome === 'failed') failures++;
  }
  const caughtUp = await catchUp(deps, sent, now, log);
  if (failures > 0) throw new AlertPublishError(`the watchdog could not publish ${failures} of ${candidates.length} alerts; the next watch retries them`);
  await deps.memory.watched(now);
  return { at: now.toISOString(), alerts: sent, caughtUp };
}

/**
 * Starts the fires just reported MISSED that their schedule's `catchUp` wants (each MISSED is
 * reported once, so each fire is caught up once; the run's name and claim are the fire's own).
 */
async function catchUp(deps: WatchDeps, sent: readonly WatchAlert[], now: Date, log: Log): Promise<string[]> {
  if (deps.launcher === undefined) return [];
  const started: string[] = [];
  for (const flow of deps.config.flows) {
    for (const schedule of flow.schedules) {
      if (schedule.runFlow === undefined) continue;
      const missed = sent.filter((alert) => alert.kind === 'MISSED' && alert.flow === flow.name && alert.schedule === schedule.name && alert.fireTime);
      for (const fire of catchUpFires(schedule, missed.map((alert) => new Date(alert.fireTime!)), now)) {
        try {
          started.push((await startFireRun(deps.launcher, schedule.runFlow, schedule, fire)).runId);
        } catch (error) {
          log.error('could not start a missed fire (catch-up); run it with dwq backfill', { flow: flow.name, schedule: schedule.name, fire: fire.toISOString(), error: describeError(error) });
        }
      }
    }
  }
  return started;
}

async function recentRecords(deps: WatchDeps): Promise<ReadonlyMap<string, readonly RunRecord[]>> {
  const pages = await Promise.all(
    deps.config.flows.map(async (flow) => [flow.name, (await deps.ledger.list({ flows: [flow.name], limit: WATCH.recordsPerFlow })).runs] as const),
  );
  return new Map(pages);
}

async function missedFires(deps: WatchDeps, now: Date, lastWatchAt: Date | undefined, records: ReadonlyMap<string, readonly RunRecord[]>): Promise<WatchAlert[]> {
  const recordsOf = (flow: string) => records.get(flow) ?? [];
  const due = dueFires({ config: deps.config, now, lastWatchAt, records: recordsOf });
  if (due.length === 0) return [];
  const pauses = await deps.ledger.listPauses();
  const missed: DueFire[] = [];
  for (const fire of due) {
    if (pausedAt(pauses, fire.flow.name, fire.schedule.name, fire.fire)) continue;
    if (recordedNear(recordsOf(fire.flow.name), fire)) continue;
    if (await deps.claimed(fire.flow.name, fire.schedule.name, fire.fire)) continue;
    missed.push(fire);
  }
  return missed.map(missedAlert);
}

function runAlerts(config: WatchConfig, records: ReadonlyMap<string, readonly RunRecord[]>, now: Date, lastWatchAt: Date | undefined): WatchAlert[] {
  const endedAfter = new Date(Math.max(
    Date.parse(config.since),
    now.getTime() - WATCH.maxLookbackMs,
    lastWatchAt ? lastWatchAt.getTime() - WATCH.overlapMs : Number.NEGATIVE_INFINITY,
  ));
  return config.flows.flatMap((flow) => {
    const ofFlow = records.get(flow.name) ?? [];
    return [...lateAlerts(flow, ofFlow, now), ...suspiciousAlerts(flow, ofFlow, endedAfter)];
  });
}

async function report(deps: WatchDeps, alert: WatchAlert, now: Date, log: Log): Promise<'sent' | 'known' | 'failed'> {
  const key = watchKey(alert);
  if (!(await deps.memory.remember(key, now))) return 'known';
  const flow = deps.config.flows.find((candidate) => candidate.name === alert.flow)!;
  const context = { flow: alert.flow, kind: alert.kind, runId: alert.runId, schedule: alert.schedule, fireTime: alert.fireTime };
  try {
    // The alert rendering is loaded on the first alert: most watches find nothing (docs/bench.md, P3).
    const { formatWatchAlert } = await import('./watch-alert.ts');
    const { messageId } = await deps.publisher.publish(formatWatchAlert(alert, watchedRunFlow(flow)));
    log.info('watch alert published', { ...context, messageId });
  } catch (error) {
    log.error('watch alert not published; the next watch retries it', { ...context, error: describeError(error) });
    await deps.memory.forget(key).catch((forgetError: unknown) => log.error('could not forget the watch alert; it will not be retried', { ...context, error: describeError(forgetError) }));
    return 'failed';
  }
  if (alert.runId !== undefined && alert.kind !== 'MISSED') {
    const mark = alert.kind === 'LATE' ? 'late' : 'suspicious';
    await deps.memory.markRun(alert.runId, mark, alert.at).catch((error: unknown) => log.warn('could not mark the run record', { ...context, error: describeError(error) }));
  }
  return 'sent';
}
