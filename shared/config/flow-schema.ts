/** The schema of one entry under `flows:`: parameters, webhook exposure and schedules. */
import * as z from 'zod';
import { CATCH_UP, CATCH_UP_POLICIES } from '../backfill/constants.ts';
import { flowAlertPolicySchema } from './alert-policy-schema.ts';
import {
  dateTimeSchema,
  durationSchema,
  flowIdSchema,
  nameSchema,
  parameterNameSchema,
  scheduleExpressionSchema,
  strictObject,
  timeZoneSchema,
} from './fields.ts';
import { describeValue, PARAMETER_TYPES, parameterValueProblem } from '../dataworq/parameter-types.ts';
import { templateProblem } from '../periods/template-check.ts';
import { RETRYABLE_OUTCOMES } from '../model.ts';
import { RETRY_LIMITS } from '../run/retry.ts';
import { isTemplate } from '../periods/template-text.ts';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

const parameterValueSchema = z.union([z.string(), z.number()], { error: (issue) => `must be one value (got ${describeValue(issue.input)}): text for a string parameter, a number for an integer or float one` });

export const parameterSchema = strictObject({
  type: z.enum(PARAMETER_TYPES, { error: (issue) => `must be one of ${PARAMETER_TYPES.join(', ')} (got '${String(issue.input)}')` }),
  default: parameterValueSchema.optional().meta({
    description: "Sent when the caller gives no value. No default = optional. May be a template for any type: \"{{ logicalTime | shift: '-P1M' | format: 'yyyy-MM' }}\" (docs/schedules.md).",
  }),
  description: z.string().optional(),
  fromSecret: z
    .string()
    .regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, { error: 'must be a Secrets Manager secret name (letters, digits and /_+=.@-)' })
    .optional()
    .meta({ description: 'Name of a secret whose value Submit sends for this parameter; the value never enters config, state or alerts.' }),
}).superRefine((parameter, ctx) => {
  if (parameter.fromSecret !== undefined && parameter.default !== undefined) {
    ctx.addIssue({ code: 'custom', message: 'a parameter read from a secret has no default: remove default or fromSecret', path: ['default'] });
  }
  if (parameter.default === undefined) return;
  const problem = typedValueProblem(parameter.type, parameter.default);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, path: ['default'], input: parameter.default });
});

export const flowWebhookSchema = strictObject({
  auth: z
    .array(z.enum(['signature', 'bearer']))
    .min(1, { error: 'must name at least one of signature, bearer' })
    .transform((auth) => [...new Set(auth)])
    .optional()
    .meta({
      description:
        "This flow's own credentials: signature (Standard Webhooks HMAC) and/or bearer token. Omit it when named webhook.callers start the flow; with neither, a signing secret of its own.",
    }),
  allow: z.array(z.string()).default([]).meta({ description: 'Parameters callers may set; each must be declared.' }),
  allowRunProfileOverride: z.boolean().default(false),
});

export const scheduleSchema = strictObject({
  name: nameSchema('schedule name'),
  expression: scheduleExpressionSchema,
  timeZone: timeZoneSchema.optional(),
  enabled: z.boolean().default(true),
  startDate: dateTimeSchema.optional(),
  endDate: dateTimeSchema.optional(),
  parameters: z.record(parameterNameSchema, parameterValueSchema).default({}).meta({ description: "Values for this schedule's runs; a value may be a template rendered at the fire time." }),
  description: z.string().optional(),
  startGrace: durationSchema(MINUTE, DAY)
    .prefault('10m')
    .meta({ description: 'How long after a fire its run may take to start before the watchdog reports it MISSED (default 10m).' }),
  catchUp: z.enum(CATCH_UP_POLICIES).default(CATCH_UP.defaultPolicy).meta({
    description: 'Fires the watchdog finds MISSED inside catchUpWindow: none (default) starts none, latest the most recent, all each one; each runs with its own logical time.',
  }),
  catchUpWindow: durationSchema(MINUTE, 7 * DAY).prefault('24h').meta({ description: 'How far back a missed fire is still caught up (default 24h).' }),
}).superRefine((schedule, ctx) => {
  if (schedule.startDate !== undefined && schedule.endDate !== undefined && schedule.startDate >= schedule.endDate) {
    ctx.addIssue({ code: 'custom', message: 'must be after startDate', path: ['endDate'], input: schedule.endDate });
  }
});

/** `07:00`: a wall-clock time of day, 24-hour. */
const CLOCK_TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
/** `0.2x`: a fraction of the usual runtime. */
const RATIO = /^(0?\.[0-9]+|0|1)x$/;

export const flowLateSchema = strictObject({
  after: z
    .union([z.literal('auto'), durationSchema(MINUTE, 7 * DAY)], { error: 'must be auto or a duration such as "45m"' })
    .default('auto')
    .meta({ description: 'A run still going this long after it started gets one LATE alert; auto = 1.5 x the longest of the last 10 completed runs (once there are 3).' }),
  finishBy: z
    .string()
    .regex(CLOCK_TIME, { error: 'must be a 24-hour time of day such as "07:00"' })
    .optional()
    .meta({ description: "Scheduled runs not finished by this time of day (in the schedule's zone) get one LATE alert." }),
});

export const flowSuspiciousSchema = strictObject({
  fasterThan: z
    .union([
      z.string().regex(RATIO, { error: 'must be a fraction of the usual runtime such as "0.2x", or a duration such as "30s"' })
        .transform((text) => ({ ratio: Number(text.slice(0, -1)) })),
      durationSchema(1, 7 * DAY).transform((seconds) => ({ seconds })),
    ], { error: 'must be a fraction of the usual runtime such as "0.2x", or a duration such as "30s"' })
    .meta({ description: 'A COMPLETED run shorter than this (a fraction of the median of the last 10 completed runs, or a duration) gets one SUSPICIOUS alert.' }),
});

/** `retry:`: each attempt is a new DataWORQ job; the attempts share the run's history budget (shared/run/retry.ts). */
export const retrySchema = strictObject({
  on: z
    .array(z.enum(RETRYABLE_OUTCOMES as [string, ...string[]], { error: (issue) => `must be one of ${RETRYABLE_OUTCOMES.join(', ')} (got '${String(issue.input)}')` }))
    .min(1, { error: 'must list at least one outcome, e.g. [ERROR, LOST, SUBMIT_FAILED]' })
    .default(['ERROR', 'LOST', 'SUBMIT_FAILED'])
    .transform((on) => [...new Set(on)])
    .meta({ description: 'Outcomes that start another attempt. Default [ERROR, LOST, SUBMIT_FAILED]: CANCELLED and TIMED_OUT only when listed.' }),
  attempts: z
    .int({ error: `must be a whole number from 1 to ${RETRY_LIMITS.maxAttempts}` })
    .min(1, { error: `must be at least 1 (remove retry: for none)` })
    .max(RETRY_LIMITS.maxAttempts, { error: `must be at most ${RETRY_LIMITS.maxAttempts}: every attempt's poll loop shares one execution's 25,000 history events` })
    .default(2)
    .meta({ description: `Attempts after the first (1..${RETRY_LIMITS.maxAttempts}): at most attempts + 1 jobs per run.` }),
  delay: durationSchema(0, RETRY_LIMITS.maxDelaySeconds).prefault('10m').meta({ description: 'Wait before each new attempt, e.g. "10m".' }),
});

export const flowSchema = strictObject({
  flowId: flowIdSchema,
  dataworqFlowName: z.string().min(1).optional().meta({ description: 'The name DataWORQ shows in job lists; default: the flow key.' }),
  description: z.string().optional(),
  runProfileName: z.string().min(1).default('default'),
  notificationEnabled: z.boolean().default(false),
  maxDuration: durationSchema(MINUTE, 7 * DAY).prefault('12h'),
  lostAfter: durationSchema(MINUTE, 24 * HOUR).prefault('30m'),
  overlap: z.enum(['skip', 'allow']).default('skip'),
  timeZone: timeZoneSchema.optional().meta({ description: "The zone a webhook or CLI run's logical time is in, for templated parameters; default: defaults.timeZone." }),
  allowLogicalTime: z.boolean().default(false).meta({ description: 'May a webhook or CLI caller choose the logical time (logicalTime in the body, --logical-time)?' }),
  parameters: z.record(parameterNameSchema, parameterSchema).default({}),
  webhook: flowWebhookSchema.optional(),
  schedules: z.array(scheduleSchema).default([]),
  late: flowLateSchema.optional().meta({ description: 'When a run counts as LATE (the watchdog, docs/watchdog.md). Default: after auto.' }),
  suspicious: flowSuspiciousSchema.optional().meta({ description: 'Opt-in: COMPLETED runs far shorter than usual get a SUSPICIOUS alert.' }),
  alerts: flowAlertPolicySchema.optional().meta({ description: "This flow's own alert policy: only the keys that differ from the top-level alerts." }),
  retry: retrySchema.optional().meta({ description: 'Retries by outcome (docs/config.md): `{ on: [ERROR, LOST, SUBMIT_FAILED], attempts: 2, delay: 10m }`.' }),
}).superRefine((flow, ctx) => {
  const declared = Object.keys(flow.parameters);
  const undeclared = (name: string) =>
    `parameter '${name}' is not declared in this flow's parameters (declared: ${declared.join(', ') || 'none'})`;
  flow.webhook?.allow.forEach((name, index) => {
    if (!(name in flow.parameters)) ctx.addIssue({ code: 'custom', message: undeclared(name), path: ['webhook', 'allow', index], input: name });
    else if (flow.parameters[name]?.fromSecret !== undefined) {
      ctx.addIssue({ code: 'custom', message: `parameter '${name}' is read from a secret: callers cannot set it`, path: ['webhook', 'allow', index], input: name });
    }
  });
  const seen = new Map<string, number>();
  flow.schedules.forEach((schedule, index) => {
    const first = seen.get(schedule.name);
    if (first === undefined) seen.set(schedule.name, index);
    else ctx.addIssue({ code: 'custom', message: `duplicate schedule name '${schedule.name}' (also schedules[${first}])`, path: ['schedules', index, 'name'] });
    for (const [name, value] of Object.entries(schedule.parameters)) {
      const parameter = flow.parameters[name];
      const fromSecret = parameter?.fromSecret === undefined ? undefined : `parameter '${name}' is read from a secret: a schedule cannot set it`;
      const problem = parameter === undefined ? undeclared(name) : (fromSecret ?? typedValueProblem(parameter.type, value));
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, path: ['schedules', index, 'parameters', name], input: value });
    }
  });
});

/** A parameter value's problem, with the YAML hint a config author needs for the usual mistake. */
function typedValueProblem(type: (typeof PARAMETER_TYPES)[number], value: unknown): string | undefined {
  if (isTemplate(value)) return templateProblem(type, value);
  const problem = parameterValueProblem(type, value);
  if (problem === undefined || type !== 'string' || typeof value !== 'number') return problem;
  return `${problem}; quote the value in YAML so it stays text`;
}
