/**
 * LATE and SUSPICIOUS, the pure part: from a flow's recent run records, the runs still going past
 * the flow's expected time, and the runs that completed far faster than usual. "Usual" comes from
 * the same records (the last completed runs), so the rule needs no second copy of anything.
 */
import { DateTime } from 'luxon';
import { medianOf, runDurationMs } from '../ledger/run-duration.ts';
import type { RunRecord } from '../ledger/run-record.ts';
import { formatDuration } from '../alerts/time-text.ts';
import { WATCH } from './constants.ts';
import { scheduledTimeOf } from './missed-fires.ts';
import type { WatchAlert } from './watch-alert.ts';
import type { WatchedFlow } from './watch-config.ts';

/** The runtimes (submit to end, queueing included) of the newest completed runs (at most WATCH.historyRuns), `except` one. */
export function completedRuntimes(records: readonly RunRecord[], except?: string): number[] {
  return records
    .filter((record) => record.outcome === 'COMPLETED' && record.runId !== except)
    .flatMap((record) => runDurationMs(record) ?? [])
    .slice(0, WATCH.historyRuns);
}

interface Deadline {
  readonly at: number;
  readonly expected: string;
}

/** `late.after` as a time: a duration, or auto from history (none until there are enough runs). */
function afterDeadline(flow: WatchedFlow, record: RunRecord, history: readonly number[]): Deadline | undefined {
  const submitted = Date.parse(record.submittedAt);
  if (flow.late.after !== 'auto') {
    return { at: submitted + flow.late.after * 1000, expected: `late.after is ${formatDuration(flow.late.after * 1000)}` };
  }
  if (history.length < WATCH.minHistoryRuns) return undefined;
  const longest = Math.max(...history);
  const after = longest * WATCH.autoLateFactor;
  return { at: submitted + after, expected: `auto: 1.5 x ${formatDuration(longest)}, the longest of its last ${history.length} completed runs` };
}

/** `late.finishBy`: the first such wall-clock time at or after the fire, in the schedule's zone. */
function finishByDeadline(flow: WatchedFlow, record: RunRecord): Deadline | undefined {
  if (flow.late.finishBy === undefined || record.trigger.kind !== 'schedule') return undefined;
  const scheduleName = record.trigger.schedule ?? record.trigger.id.split('/').at(-1);
  const zone = flow.schedules.find((schedule) => schedule.name === scheduleName)?.timeZone ?? 'UTC';
  const fire = DateTime.fromMillis(Date.parse(record.trigger.scheduledTime ?? record.trigger.time), { zone });
  if (!fire.isValid) return undefined;
  const [hour, minute] = flow.late.finishBy.split(':').map(Number) as [number, number];
  let deadline = fire.set({ hour, minute, second: 0, millisecond: 0 });
  if (deadline < fire) deadline = deadline.plus({ days: 1 });
  return { at: deadline.toMillis(), expected: `late.finishBy is ${flow.late.finishBy} ${zone}` };
}

/** Runs still RUNNING past their earliest deadline, not already reported. */
export function lateAlerts(flow: WatchedFlow, records: readonly RunRecord[], now: Date): WatchAlert[] {
  const history = completedRuntimes(records);
  return records.flatMap((record) => {
    if (record.state !== 'RUNNING' || record.late !== undefined || Number.isNaN(Date.parse(record.submittedAt))) return [];
    const deadlines = [afterDeadline(flow, record, history), finishByDeadline(flow, record)].filter((d): d is Deadline => d !== undefined);
    const deadline = deadlines.sort((a, b) => a.at - b.at)[0];
    if (deadline === undefined || now.getTime() < deadline.at) return [];
    const running = formatDuration(now.getTime() - Date.parse(record.submittedAt));
    return [{
      ...runFields(record),
      kind: 'LATE' as const,
      at: new Date(deadline.at).toISOString(),
      summary: `still running after ${running} (${deadline.expected}); its outcome follows when it ends, `
        + `at the latest at its max duration of ${formatDuration(flow.maxDurationSeconds * 1000)}`,
    }];
  });
}

/** COMPLETED runs ended after `after` that were too fast for the flow's `suspicious.fasterThan`. */
export function suspiciousAlerts(flow: WatchedFlow, records: readonly RunRecord[], after: Date): WatchAlert[] {
  const rule = flow.suspicious?.fasterThan;
  if (rule === undefined) return [];
  return records.flatMap((record) => {
    const runtime = runDurationMs(record);
    if (record.outcome !== 'COMPLETED' || runtime === undefined || record.suspicious !== undefined) return [];
    if (Date.parse(record.endedAt!) <= after.getTime()) return [];
    const limit = 'seconds' in rule ? rule.seconds * 1000 : ratioLimit(rule.ratio, completedRuntimes(olderThan(records, record), record.runId));
    if (limit === undefined || runtime >= limit) return [];
    const expected = 'seconds' in rule ? `suspicious.fasterThan is ${formatDuration(limit)}` : `under ${rule.ratio}x the usual ${formatDuration(limit / rule.ratio)}`;
    return [{
      ...runFields(record),
      kind: 'SUSPICIOUS' as const,
      at: record.endedAt!,
      summary: `completed in ${formatDuration(runtime)}, ${expected}: check that the job did its work (rows loaded, files written)`,
    }];
  });
}

/** The median of the history times the ratio; undefined until there is enough history. */
function ratioLimit(ratio: number, history: readonly number[]): number | undefined {
  if (history.length < WATCH.minHistoryRuns) return undefined;
  return ratio * medianOf(history)!;
}

/** Runs submitted before this one: its own "usual" does not include later runs. */
function olderThan(records: readonly RunRecord[], record: RunRecord): RunRecord[] {
  return records.filter((other) => other.submittedAt < record.submittedAt);
}

function runFields(record: RunRecord) {
  const fire = scheduledTimeOf(record);
  const scheduled = record.trigger.kind === 'schedule' && !Number.isNaN(fire);
  return {
    flow: record.flow,
    runId: record.runId,
    ...(record.jobId ? { jobId: record.jobId } : {}),
    trigger: { kind: record.trigger.kind, id: record.trigger.id, time: record.trigger.time },
    submittedAt: record.submittedAt,
    ...(record.endedAt ? { endedAt: record.endedAt } : {}),
    ...(scheduled && record.trigger.schedule ? { schedule: record.trigger.schedule } : {}),
    ...(scheduled ? { fireTime: new Date(fire).toISOString() } : {}),
  };
}

