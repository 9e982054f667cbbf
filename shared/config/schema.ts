/**
 * The flows config (config/dataworq.yaml): one zod schema, validated once at synth and at local
 * start. The output types have every default applied, durations in seconds and subscribers
 * resolved, so nothing downstream re-derives a default. Parse through parseConfig (load.ts), which
 * adds the error messages that name the path and the fix.
 */
import * as z from 'zod';
import type { AlertPolicy } from '../alerts/alert-policy.ts';
import { DEFAULT_CLOUD_CONNECTOR_URL, TRANSPORT_KINDS, type TransportKind } from '../dataworq/constants.ts';
import type { ParameterType, ParameterValue } from '../dataworq/parameter-types.ts';
import type { CatchUpPolicy } from '../backfill/constants.ts';
import type { OverlapPolicy, RetryPolicy } from '../model.ts';
import { DEFAULT_CALENDAR, FISCAL_YEAR_NAMINGS, type FiscalCalendar } from '../periods/calendar.ts';
import { alertPolicySchema, resolveAlertPolicy } from './alert-policy-schema.ts';
import { buildCaller, callerFlowProblems, callersSchema, type CallerConfig } from './caller-schema.ts';
import { RUN_LEDGER } from '../ledger/constants.ts';
import { connectorUrlSchema, durationSchema, nameSchema, scheduleExpressionSchema, secretReferenceSchema, strictObject, timeZoneSchema } from './fields.ts';
import { flowSchema } from './flow-schema.ts';
import { ALL_FLOWS, buildSubscriber, subscribersSchema, type SubscriberConfig } from './subscriber-schema.ts';

/** Room for the rest of the run's input (flow, trigger) under Step Functions' 256 KB cap. */
export const MAX_WEBHOOK_BODY_BYTES = 196_608;

export type { CallerConfig } from './caller-schema.ts';
export { SUBSCRIBER_OUTCOMES, type SubscriberConfig, type SubscriberOutcome } from './subscriber-schema.ts';

export type WebhookAuth = 'signature' | 'bearer';
/** The parameter value type has its home with the parameter rules; re-exported for the config's users. */
export type { ParameterValue } from '../dataworq/parameter-types.ts';

export interface ConnectorConfig {
  readonly transport: TransportKind;
  /** No trailing slash. */
  readonly url: string;
  /** Name or ARN of an existing secret; undefined = the stack creates one. */
  readonly secret?: string;
  readonly timeoutSeconds: number;
}

/** The webhook HTTP API as a whole. */
export interface WebhookApiConfig {
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly maxBodyBytes: number;
  /** Named credential holders, each limited to its flows (caller-schema.ts). */
  readonly callers: readonly CallerConfig[];
}

export interface ParameterConfig {
  readonly type: ParameterType;
  readonly default?: ParameterValue;
  /** The secret whose value Submit sends for this parameter (never read at synth or by the webhook). */
  readonly fromSecret?: string;
  readonly description?: string;
}

/** One flow's webhook route. */
export interface WebhookConfig {
  /**
   * The flow's own credentials (its implicit caller). Empty when only named callers
   * (`webhook.callers`) may start it; `[signature]` when neither is configured.
   */
  readonly auth: readonly WebhookAuth[];
  /** Parameters a caller may set; all declared in the flow. */
  readonly allow: readonly string[];
  readonly allowRunProfileOverride: boolean;
}

export interface ScheduleConfig {
  readonly name: string;
  readonly expression: string;
  /** Always set: the schedule's own zone, else defaults.timeZone. */
  readonly timeZone: string;
  readonly enabled: boolean;
  /** ISO 8601 in UTC (`toISOString()`). */
  readonly startDate?: string;
  readonly endDate?: string;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly description?: string;
  /** Seconds (default 600): the watchdog's grace before a fire without a run is MISSED. */
  readonly startGrace?: number;
  /** Which MISSED fires are started late (shared/backfill/catch-up.ts); absent = none. */
  readonly catchUp?: CatchUpPolicy;
  readonly catchUpWindowSeconds?: number;
}

export interface FlowConfig {
  /** The key under `flows:`. */
  readonly name: string;
  readonly flowId: string;
  readonly dataworqFlowName: string;
  readonly description?: string;
  readonly runProfileName: string;
  readonly notificationEnabled: boolean;
  readonly maxDurationSeconds: number;
  readonly lostAfterSeconds: number;
  readonly overlap: OverlapPolicy;
  /** The zone of a webhook or CLI run's logical time: the flow's own, else defaults.timeZone. */
  readonly timeZone: string;
  /** May a webhook or CLI caller choose the logical time? */
  readonly allowLogicalTime: boolean;
  /** In declaration order. */
  readonly parameters: Readonly<Record<string, ParameterConfig>>;
  /** Undefined = no webhook route for this flow. */
  readonly webhook?: WebhookConfig;
  readonly schedules: readonly ScheduleConfig[];
  /** The top-level `alerts:` with this flow's own keys over it. */
  readonly alerts: AlertPolicy;
  /** The watchdog's LATE rule (docs/watchdog.md); absent = `after: auto`. */
  readonly late?: LateConfig;
  /** The watchdog's opt-in SUSPICIOUS rule. */
  readonly suspicious?: SuspiciousConfig;
  /** `retry:`; absent = no retries. */
  readonly retry?: RetryPolicy;
}

/** `after`: seconds, or auto; `finishBy`: `HH:MM` in the schedule's zone. */
export interface LateConfig {
  readonly after: number | 'auto';
  readonly finishBy?: string;
}

/** A fraction of the usual runtime, or a duration in seconds. */
export interface SuspiciousConfig {
  readonly fasterThan: { readonly ratio: number } | { readonly seconds: number };
}

/** One `maintenance:` window: failures inside it are recorded, not alerted; one summary after it. */
export interface MaintenanceConfig {
  readonly name: string;
  /** An EventBridge cron expression: each fire opens the window. */
  readonly cron: string;
  readonly durationSeconds: number;
  /** The window's own zone, else defaults.timeZone. */
  readonly timeZone: string;
  /** Flow names; every flow when the config gave none. */
  readonly flows: readonly string[];
}

export interface DwqConfig {
  readonly connector: ConnectorConfig;
  readonly defaults: { readonly timeZone: string };
  /** The fiscal calendar of templated parameters (fiscalYear, fiscalQuarter, fiscalPeriod). */
  readonly calendar: FiscalCalendar;
  readonly webhook: WebhookApiConfig;
  /** The top-level alert policy; each flow's resolved one is `flows.<name>.alerts`. */
  readonly alerts: AlertPolicy;
  readonly flows: Readonly<Record<string, FlowConfig>>;
  readonly subscribers: readonly SubscriberConfig[];
  /** The run ledger: how long each run's record is kept (DynamoDB TTL after submit). */
  readonly runs: RunsConfig;
  readonly maintenance: readonly MaintenanceConfig[];
}

export interface RunsConfig {
  readonly keepForSeconds: number;
}

const connectorSchema = strictObject({
  transport: z.enum(TRANSPORT_KINDS).default('cloud-connector'),
  url: connectorUrlSchema.optional(),
  secret: secretReferenceSchema.optional().meta({ description: 'Existing secret (name or ARN); omit and the stack creates one.' }),
  timeoutSeconds: z.int().min(1).max(60).default(10),
}).superRefine((connector, ctx) => {
  if (connector.transport === 'native' && connector.url === undefined) {
    ctx.addIssue({ code: 'custom', message: "is required when transport is 'native': the DataWORQ server's https URL", path: ['url'] });
  }
});

const defaultsSchema = strictObject({ timeZone: timeZoneSchema.default('UTC') });

const calendarSchema = strictObject({
  fiscalYearStart: z
    .int()
    .min(1)
    .max(12)
    .default(DEFAULT_CALENDAR.fiscalYearStart)
    .meta({ description: 'The month the fiscal year starts in: 1 = January (the calendar year) ... 12 = December.' }),
  fiscalYearNamedBy: z
    .enum(FISCAL_YEAR_NAMINGS)
    .default(DEFAULT_CALENDAR.fiscalYearNamedBy)
    .meta({ description: 'endYear: April 2026-March 2027 is FY2027 (the common convention); startYear: it is FY2026.' }),
});

const webhookApiSchema = strictObject({
  throttle: strictObject({
    rateLimit: z.number().positive().max(10_000).default(10),
    burstLimit: z.int().min(1).max(5000).default(20),
  }).prefault({}),
  // The body becomes part of a Step Functions execution input, which is capped at 256 KB.
  maxBodyBytes: z.int().min(1024).max(MAX_WEBHOOK_BODY_BYTES, { error: `must be at most ${MAX_WEBHOOK_BODY_BYTES}: the run's Step Functions input is capped at 256 KB` }).default(65_536),
  callers: callersSchema.meta({ description: 'Named callers, one secret each, each limited to its flows (docs/webhook.md).' }),
});

const runsSchema = strictObject({
  keepFor: durationSchema(86_400, 3650 * 86_400)
    .prefault(RUN_LEDGER.defaultKeepFor)
    .meta({ description: 'How long run records are kept after submit, e.g. "90d" (default).' }),
});

const maintenanceSchema = strictObject({
  name: nameSchema('maintenance window name'),
  cron: scheduleExpressionSchema
    .refine((text) => text.trim().startsWith('cron('), { error: 'must be a cron(...) expression: each fire opens the window, e.g. cron(0 2 ? * SUN *)' })
    .meta({ description: 'When the window opens: an EventBridge cron expression, e.g. cron(0 2 ? * SUN *).' }),
  duration: durationSchema(60, 7 * 86_400).meta({ description: 'How long it stays open, e.g. "2h".' }),
  timeZone: timeZoneSchema.optional(),
  flows: z.array(z.string()).min(1).optional().meta({ description: 'The flows it covers; default every flow.' }),
});

const maintenanceListSchema = z.array(maintenanceSchema).superRefine((windows, ctx) => {
  const seen = new Set<string>();
  windows.forEach((window, index) => {
    if (seen.has(window.name)) ctx.addIssue({ code: 'custom', message: `duplicate maintenance window name '${window.name}'`, path: [index, 'name'] });
    seen.add(window.name);
  });
});

const flowsSchema = z
  .record(nameSchema('flow name'), flowSchema, {
    error: (issue) => (issue.input === undefined ? 'is required: define at least one flow' : undefined),
  })
  .refine((flows) => Object.keys(flows).length > 0, { error: 'must define at least one flow' });

const rawConfigSchema = strictObject({
  connector: connectorSchema.prefault({}),
  defaults: defaultsSchema.prefault({}),
  calendar: calendarSchema.prefault({}).meta({ description: 'The fiscal calendar of templated parameters (docs/schedules.md).' }),
  webhook: webhookApiSchema.prefault({}),
  alerts: alertPolicySchema.prefault({}).meta({ description: 'Alert memory: how often a failing flow is announced again (docs/alert-memory.md).' }),
  flows: flowsSchema,
  subscribers: subscribersSchema.prefault([]),
  runs: runsSchema.prefault({}),
  maintenance: maintenanceListSchema.default([]).meta({ description: 'Maintenance windows (docs/config.md): failures inside one are recorded, not alerted; one summary after it.' }),
}).superRefine((config, ctx) => {
  const known = Object.keys(config.flows);
  config.maintenance.forEach((window, index) => {
    window.flows?.forEach((flow, position) => {
      if (!(flow in config.flows)) ctx.addIssue({ code: 'custom', message: `unknown flow '${flow}' (known: ${known.join(', ')})`, path: ['maintenance', index, 'flows', position] });
    });
  });
  config.webhook.callers.forEach((caller, index) => {
    for (const [position, message] of callerFlowProblems(caller, config.flows)) {
      ctx.addIssue({ code: 'custom', message, path: ['webhook', 'callers', index, 'flows', position] });
    }
  });
  config.subscribers.forEach((subscriber, index) => {
    subscriber.flows.forEach((flow, position) => {
      if (flow === ALL_FLOWS || flow in config.flows) return;
      ctx.addIssue({ code: 'custom', message: `unknown flow '${flow}' (known: ${known.join(', ')})`, path: ['subscribers', index, 'flows', position] });
    });
  });
});

type RawConfig = z.output<typeof rawConfigSchema>;

export const configSchema = rawConfigSchema.transform(buildConfig);

function buildConfig(raw: RawConfig): DwqConfig {
  const flows = Object.fromEntries(Object.entries(raw.flows).map(([name, flow]) => [name, buildFlow(name, flow, raw)]));
  return {
    connector: { ...raw.connector, url: raw.connector.url ?? DEFAULT_CLOUD_CONNECTOR_URL },
    defaults: raw.defaults,
    calendar: raw.calendar,
    webhook: { ...raw.webhook, callers: raw.webhook.callers.map((caller) => buildCaller(caller, raw.flows)) },
    alerts: resolveAlertPolicy(raw.alerts, undefined),
    flows,
    subscribers: raw.subscribers.map((subscriber) => buildSubscriber(subscriber, Object.keys(flows))),
    runs: { keepForSeconds: raw.runs.keepFor },
    maintenance: raw.maintenance.map((window) => ({
      name: window.name,
      cron: window.cron,
      durationSeconds: window.duration,
      timeZone: window.timeZone ?? raw.defaults.timeZone,
      flows: window.flows ?? Object.keys(flows),
    })),
  };
}

function buildFlow(name: string, flow: RawConfig['flows'][string], raw: RawConfig): FlowConfig {
  const { maxDuration, lostAfter, dataworqFlowName, schedules, alerts, timeZone, retry, webhook, ...rest } = flow;
  const defaultTimeZone = raw.defaults.timeZone;
  return {
    name,
    ...rest,
    timeZone: timeZone ?? defaultTimeZone,
    ...(webhook ? { webhook: { ...webhook, auth: webhook.auth ?? implicitAuth(name, raw) } } : {}),
    dataworqFlowName: dataworqFlowName ?? name,
    maxDurationSeconds: maxDuration,
    lostAfterSeconds: lostAfter,
    schedules: schedules.map(({ catchUpWindow, ...schedule }) => ({ ...schedule, catchUpWindowSeconds: catchUpWindow, timeZone: schedule.timeZone ?? defaultTimeZone })),
    alerts: resolveAlertPolicy(raw.alerts, alerts),
    ...(retry ? { retry: { on: retry.on as RetryPolicy['on'], attempts: retry.attempts, delaySeconds: retry.delay } } : {}),
  };
}

/** No `auth` of its own: none when a named caller covers the flow, else a signing secret as always. */
function implicitAuth(flow: string, raw: RawConfig): WebhookAuth[] {
  const covered = raw.webhook.callers.some((caller) => caller.flows === '*' || caller.flows.includes(flow));
  return covered ? [] : ['signature'];
}
