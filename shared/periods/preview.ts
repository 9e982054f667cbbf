/**
 * What a schedule's next fires will send: each fire time with its parameters rendered exactly as
 * Submit will render them (same function, same logical time, same zone and calendar). Used by
 * `dwq schedules --params`, `dwq next --flow --schedule` and `dwq validate`, and by a backfill's
 * dry run.
 */
import { scheduleRunFlow } from '../config/resolve.ts';
import type { DwqConfig, ScheduleConfig } from '../config/schema.ts';
import type { FlowParameter } from '../dataworq/parameter-types.ts';
import { ParameterTemplateError } from '../errors.ts';
import { nextFireTimes } from '../schedule/next-fire.ts';
import { renderParameters } from './render.ts';

export interface FirePreview {
  readonly fire: Date;
  /** Set when every parameter rendered. */
  readonly parameters?: readonly FlowParameter[];
  /** Set when a template failed for this fire: the parameter, its path and why. */
  readonly error?: string;
}

/** The fire's parameters, or the template error (any other error is a bug and is thrown). */
export function previewFire(config: DwqConfig, flowName: string, schedule: ScheduleConfig, fire: Date): FirePreview {
  const flow = scheduleRunFlow(config, flowName, schedule.name);
  try {
    return { fire, parameters: renderParameters(flow.parameters, fire, schedule.timeZone, config.calendar) };
  } catch (error) {
    if (error instanceof ParameterTemplateError) return { fire, error: error.message };
    throw error;
  }
}

/** The schedule's next `count` fires strictly after `from`, each with its rendered parameters. */
export function previewSchedule(config: DwqConfig, flowName: string, schedule: ScheduleConfig, from: Date, count: number): FirePreview[] {
  return upcomingFires(schedule, from, count).map((fire) => previewFire(config, flowName, schedule, fire));
}

export function upcomingFires(schedule: ScheduleConfig, from: Date, count: number): Date[] {
  return nextFireTimes(schedule.expression, {
    timeZone: schedule.timeZone,
    from,
    count,
    ...(schedule.startDate ? { startDate: new Date(schedule.startDate) } : {}),
    ...(schedule.endDate ? { endDate: new Date(schedule.endDate) } : {}),
  });
}

/** `PERIOD=2026-02  FY=2027`: how a preview line shows the values. */
export function parameterText(parameters: readonly FlowParameter[]): string {
  return parameters.map(({ name, value }) => `${name}=${String(value)}`).join('  ');
}

/**
 * Every template of every enabled schedule rendered for its next `count` fires: the problems,
 * each `flows.<flow>.schedules[<i>] at <fire>: <error>`. Empty = all render.
 */
export function templateProblemsAhead(config: DwqConfig, from: Date, count: number): string[] {
  return Object.values(config.flows).flatMap((flow) =>
    flow.schedules.flatMap((schedule, index) =>
      schedule.enabled
        ? previewSchedule(config, flow.name, schedule, from, count)
            .filter((preview) => preview.error !== undefined)
            .map((preview) => `flows.${flow.name}.schedules[${index}] at ${preview.fire.toISOString()}: ${preview.error ?? ''}`)
        : [],
    ),
  );
}
