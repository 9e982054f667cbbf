/**
 * MISSED, the pure part: which fires of the schedules as configured now should have started a
 * run by now, computed with the same next-fire code as the schedules themselves (DST included),
 * so the watch and the schedule never disagree. The orchestrator (run-watch.ts) then asks the
 * trigger claims which of them did.
 */
import { pauseApplies } from '../ledger/run-ledger.ts';
import type { PauseFlag, RunRecord } from '../ledger/run-record.ts';
import { parseScheduleExpression } from '../schedule/expression.ts';
import { fireTimesBetween } from '../schedule/next-fire.ts';
import { formatUtc } from '../alerts/time-text.ts';
import { WATCH } from './constants.ts';
import type { WatchAlert } from './watch-alert.ts';
import type { WatchConfig, WatchedFlow, WatchedSchedule } from './watch-config.ts';

export interface DueFire {
  readonly flow: WatchedFlow;
  readonly schedule: WatchedSchedule;
  readonly fire: Date;
  /**
   * A rate() schedule without startDate fires from when Scheduler created it, which the config
   * cannot say: until one of its runs is on record, its fire times are estimates, and any run of
   * the schedule within one interval of the estimate counts as the fire's run.
   */
  readonly toleranceMs?: number;
}

export interface DueFiresInput {
  readonly config: WatchConfig;
  readonly now: Date;
  /** The last watch that completed; absent = the first watch (the window starts at config.since). */
  readonly lastWatchAt?: Date;
  /** Each flow's recent records, newest first: a rate schedule's phase comes from its latest run. */
  readonly records: (flow: string) => readonly RunRecord[];
}

/** Every fire whose grace has ended since the last watch (windows overlap; the memory dedupes). */
export function dueFires(input: DueFiresInput): DueFire[] {
  const due: DueFire[] = [];
  for (const flow of input.config.flows) {
    for (const schedule of flow.schedules) {
      if (!schedule.enabled) continue;
      due.push(...dueFiresOf(flow, schedule, input));
    }
  }
  return due;
}

function dueFiresOf(flow: WatchedFlow, schedule: WatchedSchedule, input: DueFiresInput): DueFire[] {
  const graceMs = schedule.startGraceSeconds * 1000;
  const until = new Date(input.now.getTime() - graceMs);
  const lower = Math.max(
    Date.parse(input.config.since),
    input.now.getTime() - WATCH.maxLookbackMs,
    input.lastWatchAt ? input.lastWatchAt.getTime() - graceMs - WATCH.overlapMs : Number.NEGATIVE_INFINITY,
  );
  if (lower >= until.getTime()) return [];
  const expression = parseScheduleExpression(schedule.expression);
  const phase = expression.kind === 'rate' && schedule.startDate === undefined
    ? ratePhase(expression.intervalMs, latestFireOnRecord(input.records(flow.name), schedule.name), Date.parse(input.config.since), lower)
    : undefined;
  const startDate = phase?.anchor ?? (schedule.startDate ? new Date(schedule.startDate) : undefined);
  const fires = fireTimesBetween(expression, {
    timeZone: schedule.timeZone,
    after: new Date(lower),
    until,
    ...(startDate ? { startDate } : {}),
    ...(schedule.endDate ? { endDate: new Date(schedule.endDate) } : {}),
  });
  return fires.map((fire) => ({ flow, schedule, fire, ...(phase?.toleranceMs ? { toleranceMs: phase.toleranceMs } : {}) }));
}

/** The rate's phase moved back to at or before `lower`, so the window's every fire is computed. */
function ratePhase(intervalMs: number, onRecord: number | undefined, since: number, lower: number) {
  const known = onRecord ?? since;
  const steps = Math.max(0, Math.ceil((known - lower) / intervalMs));
  return { anchor: new Date(known - steps * intervalMs), toleranceMs: onRecord === undefined ? intervalMs : undefined };
}

function latestFireOnRecord(records: readonly RunRecord[], schedule: string): number | undefined {
  const times = records.flatMap((record) => (isRunOf(record, schedule) ? [scheduledTimeOf(record)] : [])).filter((time) => !Number.isNaN(time));
  return times.length === 0 ? undefined : Math.max(...times);
}

export function isRunOf(record: RunRecord, schedule: string): boolean {
  return record.trigger.kind === 'schedule' && (record.trigger.schedule === schedule || record.trigger.id === `${record.flow}/${schedule}`);
}

export function scheduledTimeOf(record: RunRecord): number {
  const { trigger } = record;
  return Date.parse((trigger.kind === 'schedule' ? trigger.scheduledTime : undefined) ?? trigger.time);
}

/** True when a run of the schedule on record is within the fire's tolerance (estimated rate phases only). */
export function recordedNear(records: readonly RunRecord[], due: DueFire): boolean {
  if (due.toleranceMs === undefined) return false;
  return records.some((record) => isRunOf(record, due.schedule.name) && Math.abs(scheduledTimeOf(record) - due.fire.getTime()) < due.toleranceMs!);
}

/** A pause of the flow, or of this schedule, that covered the fire time. */
export function pausedAt(flags: readonly PauseFlag[], flow: string, schedule: string, fire: Date): boolean {
  return flags.some((flag) => flag.flow === flow && (flag.schedule === undefined || flag.schedule === schedule)
    && Date.parse(flag.since) <= fire.getTime() && pauseApplies(flag, fire));
}

export function missedAlert(due: DueFire): WatchAlert {
  const grace = Math.round(due.schedule.startGraceSeconds / 60);
  return {
    kind: 'MISSED',
    flow: due.flow.name,
    schedule: due.schedule.name,
    fireTime: due.fire.toISOString(),
    at: new Date(due.fire.getTime() + due.schedule.startGraceSeconds * 1000).toISOString(),
    summary: `no run started for the ${formatUtc(due.fire)} fire of schedule ${due.schedule.name} (${due.schedule.expression}, ${due.schedule.timeZone}) `
      + `within its ${grace}m grace; check that the schedule is deployed and enabled, then start the run by hand if needed (dwq run ${due.flow.name})`,
  };
}
