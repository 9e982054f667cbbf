/**
 * A schedule's input names its flow instead of carrying it: `{ flow: { name: "<flow>" }, trigger:
 * { kind: "schedule", id: "<flow>/<schedule>", time } }`, so the template grows by one small resource per
 * schedule. Submit (and Notify, when Submit crashed before it could) builds the RunFlow from the
 * config it carries as data, with the same resolve code the schedule would have run at synth.
 */
import { scheduleRunFlow } from '../config/resolve.ts';
import type { DwqConfig } from '../config/schema.ts';
import { ValidationError } from '../errors.ts';
import type { RunFlow, RunTrigger } from '../model.ts';
import { scheduleTrigger } from '../periods/logical-time.ts';

/**
 * A flow by name only (its key under `flows:`). An object, not a bare string, so that every state
 * reading `$.flow.name` (logs, Done) reads it before the flow is resolved too.
 */
export interface FlowReference {
  readonly name: string;
}

/** What a schedule's target input holds (infra/constructs/schedules.ts); Scheduler fills in the time. */
export interface ScheduledInput {
  readonly flow: FlowReference;
  /** `kind: schedule`, `id: <flow>/<schedule>`, `time` and `logicalTime`: the scheduled time. */
  readonly trigger: RunTrigger;
}

/** The trigger is the one a fire always carries, its logical time included (shared/periods/logical-time.ts). */
export function scheduledInputFor(flow: string, schedule: { readonly name: string; readonly timeZone: string }, time: string): ScheduledInput {
  return { flow: { name: flow }, trigger: scheduleTrigger(flow, schedule, time) };
}

/** A RunFlow always has a flowId; a reference has only the name. */
export function namesItsFlow<T extends { readonly flow: RunFlow | FlowReference }>(event: T): event is T & { readonly flow: FlowReference } {
  return !('flowId' in event.flow);
}

/** The event with its flow built from the config; an event that carries its flow is returned as is. */
export function withResolvedFlow<T extends { readonly flow: RunFlow | FlowReference; readonly trigger: RunTrigger }>(
  event: T,
  config: () => DwqConfig | undefined,
): T & { readonly flow: RunFlow } {
  if (!namesItsFlow(event)) return event as T & { readonly flow: RunFlow };
  const loaded = config();
  if (loaded === undefined) {
    throw new ValidationError(`the input names flow '${event.flow.name}' but this function has no config to resolve it from; redeploy with \`npx cdk deploy\``);
  }
  const prefix = `${event.flow.name}/`;
  if (event.trigger.kind !== 'schedule' || !event.trigger.id.startsWith(prefix)) {
    throw new ValidationError(`an input that names its flow must come from a schedule of it (trigger ${event.trigger.kind} ${event.trigger.id})`);
  }
  return { ...event, flow: scheduleRunFlow(loaded, event.flow.name, event.trigger.id.slice(prefix.length)) };
}
