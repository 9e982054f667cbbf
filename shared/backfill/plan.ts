/**
 * What a backfill will do, before it does anything: the schedule's fires in the range, each with
 * its run id and its parameters rendered as Submit will render them (`--dry-run` prints this),
 * and how many run at a time.
 */
import { DateTime } from 'luxon';
import type { AlertingRunFlow } from '../alerts/alert-policy.ts';
import { scheduleRunFlow } from '../config/resolve.ts';
import type { DwqConfig, ScheduleConfig } from '../config/schema.ts';
import type { FlowParameter } from '../dataworq/parameter-types.ts';
import { ValidationError } from '../errors.ts';
import { previewFire } from '../periods/preview.ts';
import { BACKFILL } from './constants.ts';
import { fireRunName } from './fire-run.ts';
import { backfillRange, type BackfillRange, firesInRange } from './range.ts';

export interface BackfillRequest {
  readonly config: DwqConfig;
  readonly flow: string;
  readonly schedule: string;
  /** A date (whole day) or time, read in the schedule's zone when it has no offset. */
  readonly from: string;
  /** Inclusive: a date means through that day. */
  readonly to: string;
  /** Default BACKFILL.defaultMaxConcurrent; 1 whatever is asked when the flow's overlap is skip. */
  readonly maxConcurrent?: number;
}

export interface PlannedFire {
  readonly fire: Date;
  /** The fire on the schedule's clock, with its offset: the run's logical time. */
  readonly logicalTime: string;
  readonly runId: string;
  /** Set when every template rendered. */
  readonly parameters?: readonly FlowParameter[];
  /** Set when a template failed for this fire. */
  readonly error?: string;
}

export interface BackfillPlan {
  readonly flow: AlertingRunFlow;
  readonly schedule: ScheduleConfig;
  readonly range: BackfillRange;
  readonly fires: readonly PlannedFire[];
  /** Runs at a time. */
  readonly concurrency: number;
  /** Why concurrency is less than asked, when it is. */
  readonly concurrencyNote?: string;
}

/** Throws ValidationError for an unknown flow or schedule, a bad range or --max-concurrent. */
export function planBackfill(request: BackfillRequest, now: Date): BackfillPlan {
  const flow = scheduleRunFlow(request.config, request.flow, request.schedule);
  const schedule = request.config.flows[request.flow]?.schedules.find((candidate) => candidate.name === request.schedule);
  if (schedule === undefined) throw new ValidationError(`unknown schedule '${request.schedule}' for flow '${request.flow}'`);
  const asked = request.maxConcurrent ?? BACKFILL.defaultMaxConcurrent;
  if (!Number.isSafeInteger(asked) || asked < 1 || asked > BACKFILL.maxConcurrent) {
    throw new ValidationError(`--max-concurrent ${asked} must be a whole number from 1 to ${BACKFILL.maxConcurrent}`);
  }
  const range = backfillRange(request.from, request.to, schedule.timeZone);
  const fires = firesInRange(schedule, range, now).map((fire) => plannedFire(request.config, flow.name, schedule, fire));
  // overlap: skip means one job of the flow at a time; a second backfill run would only be skipped.
  const concurrency = flow.overlap === 'skip' ? 1 : asked;
  const concurrencyNote = concurrency < asked ? `one run at a time: flow ${flow.name} has overlap: skip` : undefined;
  return { flow, schedule, range, fires, concurrency, concurrencyNote };
}

function plannedFire(config: DwqConfig, flowName: string, schedule: ScheduleConfig, fire: Date): PlannedFire {
  const preview = previewFire(config, flowName, schedule, fire);
  return {
    fire,
    logicalTime: fireText(fire, schedule.timeZone),
    runId: fireRunName(flowName, schedule.name, fire),
    ...(preview.parameters ? { parameters: preview.parameters } : {}),
    ...(preview.error !== undefined ? { error: preview.error } : {}),
  };
}

/** `2026-03-28T01:30:00+00:00`: the fire on the schedule's clock. */
export function fireText(fire: Date, timeZone: string): string {
  return DateTime.fromJSDate(fire, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}
