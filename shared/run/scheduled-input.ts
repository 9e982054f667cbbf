/**
 * A schedule's input names its flow instead of carrying it: `{ flow: "<flow>", trigger: { kind:
 * "schedule", id: "<flow>/<schedule>", time } }`, so the template grows by one small resource per
 * schedule. Submit (and Notify, when Submit crashed before it could) builds the RunFlow from the
 * config it carries as data, with the same resolve code the schedule would have run at synth.
 */
import { scheduleRunFlow } from '../config/resolve.ts';
import type { DwqConfig } from '../config/schema.ts';
import { ValidationError } from '../errors.ts';
import type { RunFlow, RunTrigger } from '../model.ts';

/** What a schedule's target input holds (infra/constructs/schedules.ts); Scheduler fills in the time. */
export interface ScheduledInput {
  /** The flow's name (its key under `flows:`). */
  readonly flow: string;
  /** `kind: schedule`, `id: <flow>/<schedule>`, `time`: the scheduled time. */
  readonly trigger: RunTrigger;
}

export function scheduledInputFor(flow: string, schedule: string, time: string): ScheduledInput {
  return { flow, trigger: { kind: 'schedule', id: `${flow}/${schedule}`, time } };
}

export function namesItsFlow<T extends { readonly flow: unknown }>(event: T): event is T & { readonly flow: string } {
  return typeof event.flow === 'string';
}

/** The event with its flow built from the config; an event that carries its flow is returned as is. */
export function withResolvedFlow<T extends { readonly flow: RunFlow | string; readonly trigger: RunTrigger }>(
  event: T,
  config: () => DwqConfig | undefined,
): T & { readonly flow: RunFlow } {
  if (!namesItsFlow(event)) return event as T & { readonly flow: RunFlow };
  const loaded = config();
  if (loaded === undefined) {
    throw new ValidationError(`the input names flow '${event.flow}' but this function has no config to resolve it from; redeploy with \`npx cdk deploy\``);
  }
  const prefix = `${event.flow}/`;
  if (event.trigger.kind !== 'schedule' || !event.trigger.id.startsWith(prefix)) {
    throw new ValidationError(`an input that names its flow must come from a schedule of it (trigger ${event.trigger.kind} ${event.trigger.id})`);
  }
  return { ...event, flow: scheduleRunFlow(loaded, event.flow, event.trigger.id.slice(prefix.length)) };
}

/** The config of a Submit or Notify config file (shared/aws/config-file.ts), read once. */
export function scheduleConfigReader(read: () => unknown): () => DwqConfig | undefined {
  let cached: { config: DwqConfig | undefined } | undefined;
  return () => {
    cached ??= { config: configIn(read()) };
    return cached.config;
  };
}

function configIn(data: unknown): DwqConfig | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const config = (data as { config?: unknown }).config;
  return typeof config === 'object' && config !== null && 'flows' in config ? (config as DwqConfig) : undefined;
}
