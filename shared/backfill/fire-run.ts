/**
 * The run of one schedule fire, however it is started: by the schedule itself (local mode's
 * scheduler), a backfill or a catch-up. The same (flow, schedule, fire) always gives the same
 * execution name and a schedule trigger for that fire, so its trigger claim is the scheduled
 * delivery's own (`claim#<flow>#<flow>/<schedule>#<fire>`): a backfilled fire and a late delivery
 * of the same fire can never both run a job, and the same backfill twice starts nothing new.
 */
import type { RunFlow, RunInput, RunLauncher } from '../model.ts';
import { scheduleTrigger } from '../periods/logical-time.ts';
import { runNameFor } from '../run/run-name.ts';

/** What a fire's run needs of its schedule. */
export interface FireSchedule {
  readonly name: string;
  readonly timeZone: string;
}

export interface FireRun {
  readonly runId: string;
  readonly input: RunInput;
}

/** The execution name local mode's scheduler gives the same fire (`<schedule>@<fire ISO>`). */
export function fireRunName(flowName: string, scheduleName: string, fire: Date): string {
  return runNameFor(flowName, 'schedule', `${scheduleName}@${fire.toISOString()}`);
}

/** `flow` as the schedule's runs carry it (scheduleRunFlow); the logical time is the fire in the schedule's zone. */
export function fireRun(flow: RunFlow, schedule: FireSchedule, fire: Date): FireRun {
  return {
    runId: fireRunName(flow.name, schedule.name, fire),
    input: { flow, trigger: scheduleTrigger(flow.name, schedule, fire.toISOString()) },
  };
}

/** Starts the fire's run; `alreadyStarted` when a run of this fire exists under its name. */
export async function startFireRun(launcher: RunLauncher, flow: RunFlow, schedule: FireSchedule, fire: Date) {
  const { runId, input } = fireRun(flow, schedule, fire);
  return launcher.start(runId, input);
}
