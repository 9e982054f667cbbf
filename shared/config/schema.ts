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
import type { OverlapPolicy } from '../model.ts';
import { alertPolicySchema, resolveAlertPolicy } from './alert-policy-schema.ts';
import { buildCaller, callerFlowProblems, callersSchema, type CallerConfig } from './caller-schema.ts';
import { RUN_LEDGER } from '../ledger/constants.ts';
import { connectorUrlSchema, durationSchema, nameSchema, secretReferenceSchema, strictObject, timeZoneSchema } from './fields.ts';
import { flowSchema } from './flow-schema.ts';
import { ALL_FLOWS, buildSubscriber, subscribersSchema, type SubscriberConfig } from './subscriber-schema.ts';

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
  readonly secret?: string | undefined;
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
  readonly default?: ParameterValue | undefined;
  readonly description?: string | undefined;
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
  readonly startDate?: string | undefined;
  readonly endDate?: string | undefined;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly description?: string | undefined;
}

export interface FlowConfig {
  /** The key under `flows:`. */
  readonly name: string;
  readonly flowId: string;
  readonly dataworqFlowName: string;
  readonly description?: string | undefined;
  readonly runProfileName: string;
  readonly notificationEnabled: boolean;
  readonly maxDurationSeconds: number;
  readonly lostAfterSeconds: number;
  readonly overlap: OverlapPolicy;
  /** In declaration order. */
  readonly parameters: Readonly<Record<string, ParameterConfig>>;
  /** Undefined = no webhook route for this flow. */
  readonly webhook?: WebhookConfig | undefined;
  readonly schedules: readonly ScheduleConfig[];
  /** The top-level `alerts:` with this flow's own keys over it. */
  readonly alerts: AlertPolicy;
}

export interface DwqConfig {
  readonly connector: ConnectorConfig;
  readonly defaults: { readonly timeZone: string };
  readonly webhook: WebhookApiConfig;
  /** The top-level alert policy; each flow's resolved one is `flows.<name>.alerts`. */
  readonly alerts: AlertPolicy;
  readonly flows: Readonly<Record<string, FlowConfig>>;
  readonly subscribers: readonly SubscriberConfig[];
  /** The run ledger: how long each run's record is kept (DynamoDB TTL after submit). */
  readonly runs: RunsConfig;
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

const webhookApiSchema = strictObject({
  throttle: strictObject({
    rateLimit: z.number().positive().max(10_000).default(10),
    burstLimit: z.int().min(1).max(5000).default(20),
  }).prefault({}),
  maxBodyBytes: z.int().min(1024).max(1_048_576).default(65_536),
  callers: callersSchema.meta({ description: 'Named callers, one secret each, each limited to its flows (docs/webhook.md).' }),
});

const runsSchema = strictObject({
  keepFor: durationSchema(86_400, 3650 * 86_400)
    .prefault(RUN_LEDGER.defaultKeepFor)
    .meta({ description: 'How long run records are kept after submit, e.g. "90d" (default).' }),
});

const flowsSchema = z
  .record(nameSchema('flow name'), flowSchema, {
    error: (issue) => (issue.input === undefined ? 'is required: define at least one flow' : undefined),
  })
  .refine((flows) => Object.keys(flows).length > 0, { error: 'must define at least one flow' });

const rawConfigSchema = strictObject({
  connector: connectorSchema.prefault({}),
  defaults: defaultsSchema.prefault({}),
  webhook: webhookApiSchema.prefault({}),
  alerts: alertPolicySchema.prefault({}).meta({ description: 'Alert memory: how often a failing flow is announced again (docs/alert-memory.md).' }),
  flows: flowsSchema,
  subscribers: subscribersSchema.prefault([]),
  runs: runsSchema.prefault({}),
}).superRefine((config, ctx) => {
  const known = Object.keys(config.flows);
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
    webhook: { ...raw.webhook, callers: raw.webhook.callers.map((caller) => buildCaller(caller, raw.flows)) },
    alerts: resolveAlertPolicy(raw.alerts, undefined),
    flows,
    subscribers: raw.subscribers.map((subscriber) => buildSubscriber(subscriber, Object.keys(flows))),
    runs: { keepForSeconds: raw.runs.keepFor },
  };
}

function buildFlow(name: string, flow: RawConfig['flows'][string], raw: RawConfig): FlowConfig {
  const { maxDuration, lostAfter, dataworqFlowName, schedules, alerts, webhook, ...rest } = flow;
  const defaultTimeZone = raw.defaults.timeZone;
  return {
    name,
    ...rest,
    ...(webhook ? { webhook: { ...webhook, auth: webhook.auth ?? implicitAuth(name, raw) } } : {}),
    dataworqFlowName: dataworqFlowName ?? name,
    maxDurationSeconds: maxDuration,
    lostAfterSeconds: lostAfter,
    schedules: schedules.map((schedule) => ({ ...schedule, timeZone: schedule.timeZone ?? defaultTimeZone })),
    alerts: resolveAlertPolicy(raw.alerts, alerts),
  };
}

/** No `auth` of its own: none when a named caller covers the flow, else a signing secret as always. */
function implicitAuth(flow: string, raw: RawConfig): WebhookAuth[] {
  const covered = raw.webhook.callers.some((caller) => caller.flows === '*' || caller.flows.includes(flow));
  return covered ? [] : ['signature'];
}
