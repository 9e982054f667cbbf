/** The schema of one entry under `flows:`: parameters, webhook exposure and schedules. */
import * as z from 'zod';
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
}).superRefine((parameter, ctx) => {
  if (parameter.default === undefined) return;
  const problem = typedValueProblem(parameter.type, parameter.default);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, path: ['default'], input: parameter.default });
});

export const flowWebhookSchema = strictObject({
  auth: z
    .array(z.enum(['signature', 'bearer']))
    .min(1, { error: 'must name at least one of signature, bearer' })
    .default(['signature'])
    .transform((auth) => [...new Set(auth)])
    .meta({ description: 'How callers authenticate: signature (Standard Webhooks HMAC) and/or bearer token.' }),
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
}).superRefine((schedule, ctx) => {
  if (schedule.startDate !== undefined && schedule.endDate !== undefined && schedule.startDate >= schedule.endDate) {
    ctx.addIssue({ code: 'custom', message: 'must be after startDate', path: ['endDate'], input: schedule.endDate });
  }
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
  alerts: flowAlertPolicySchema.optional().meta({ description: "This flow's own alert policy: only the keys that differ from the top-level alerts." }),
  retry: retrySchema.optional().meta({ description: 'Retries by outcome (docs/config.md): `{ on: [ERROR, LOST, SUBMIT_FAILED], attempts: 2, delay: 10m }`.' }),
}).superRefine((flow, ctx) => {
  const declared = Object.keys(flow.parameters);
  const undeclared = (name: string) =>
    `parameter '${name}' is not declared in this flow's parameters (declared: ${declared.join(', ') || 'none'})`;
  flow.webhook?.allow.forEach((name, index) => {
    if (!(name in flow.parameters)) ctx.addIssue({ code: 'custom', message: undeclared(name), path: ['webhook', 'allow', index], input: name });
  });
  const seen = new Map<string, number>();
  flow.schedules.forEach((schedule, index) => {
    const first = seen.get(schedule.name);
    if (first === undefined) seen.set(schedule.name, index);
    else ctx.addIssue({ code: 'custom', message: `duplicate schedule name '${schedule.name}' (also schedules[${first}])`, path: ['schedules', index, 'name'] });
    for (const [name, value] of Object.entries(schedule.parameters)) {
      const parameter = flow.parameters[name];
      const problem = parameter === undefined ? undeclared(name) : typedValueProblem(parameter.type, value);
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
