/**
 * Where a run's logical time comes from. A schedule's is its fire time in the schedule's zone, as
 * EventBridge substitutes it (or local mode's scheduler computes it), never the clock: a delivery
 * retried an hour late still renders the scheduled period. A webhook's or CLI run's is the request
 * time in the flow's zone, or the time the caller chose when the flow allows it. No date library
 * here: the webhook Lambda builds triggers and carries no Luxon; Submit reads the text with it.
 */
import { ValidationError } from '../errors.ts';
import type { LogicalTime, RunTrigger } from '../model.ts';

/** `2026-03-31`, `2026-03-31T06:00`, `2026-03-31T06:00:00.000+01:00`, `...Z`. */
const LOGICAL_TIME_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export const LOGICAL_TIME_EXAMPLE = '2026-03-31, 2026-03-31T06:00 or 2026-03-31T06:00:00Z';

/** The trigger a schedule's fire carries; `time` is the scheduled time (or Scheduler's placeholder for it). */
export function scheduleTrigger(flowName: string, schedule: { readonly name: string; readonly timeZone: string }, time: string): RunTrigger {
  return { kind: 'schedule', id: `${flowName}/${schedule.name}`, time, logicalTime: { time, timeZone: schedule.timeZone } };
}

export interface LogicalTimeFlow {
  readonly name: string;
  readonly timeZone: string;
  readonly allowLogicalTime: boolean;
}

/**
 * A webhook's or CLI run's logical time: `requested` (refused unless the flow allows it, or when
 * it is not a calendar time) else the request time, in the flow's zone.
 */
export function requestLogicalTime(flow: LogicalTimeFlow, requestTime: string, requested?: string): LogicalTime {
  if (requested === undefined) return { time: requestTime, timeZone: flow.timeZone };
  if (!flow.allowLogicalTime) {
    throw new ValidationError(`flow '${flow.name}' does not accept a logicalTime from its caller; set allowLogicalTime: true on the flow to allow it`);
  }
  const problem = logicalTimeTextProblem(requested);
  if (problem !== undefined) throw new ValidationError(`logicalTime ${problem}`);
  return { time: requested, timeZone: flow.timeZone };
}

/** Why a text is not a logical time, or undefined. Without an offset it is read in the flow's zone. */
export function logicalTimeTextProblem(text: string): string | undefined {
  const match = LOGICAL_TIME_TEXT.exec(text);
  const [year, month, day, hour = 0, minute = 0, second = 0] = (match?.slice(1, 7) ?? []).map((part) => (part === undefined ? undefined : Number(part)));
  if (match === null || year === undefined || month === undefined || day === undefined) {
    return `must be an ISO 8601 date or time, such as ${LOGICAL_TIME_EXAMPLE}`;
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  const realDate = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!realDate || hour > 23 || minute > 59 || second > 59) return 'is not a real calendar date and time';
  return undefined;
}
