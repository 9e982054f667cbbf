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
import { PARAMETER_TYPES, parameterValueProblem } from '../dataworq/parameter-types.ts';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

const parameterValueSchema = z.union([z.string(), z.number()], { error: 'must be a string or a number' });

export const parameterSchema = strictObject({
  type: z.enum(PARAMETER_TYPES, { error: (issue) => `must be one of ${PARAMETER_TYPES.join(', ')} (got '${String(issue.input)}')` }),
  default: parameterValueSchema.optional().meta({ description: 'Sent when the caller gives no value. No default = optional.' }),
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
  parameters: z.record(parameterNameSchema, parameterValueSchema).default({}),
  description: z.string().optional(),
}).superRefine((schedule, ctx) => {
  if (schedule.startDate !== undefined && schedule.endDate !== undefined && schedule.startDate >= schedule.endDate) {
    ctx.addIssue({ code: 'custom', message: 'must be after startDate', path: ['endDate'], input: schedule.endDate });
  }
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
  parameters: z.record(parameterNameSchema, parameterSchema).default({}),
  webhook: flowWebhookSchema.optional(),
  schedules: z.array(scheduleSchema).default([]),
  alerts: flowAlertPolicySchema.optional().meta({ description: "This flow's own alert policy: only the keys that differ from the top-level alerts." }),
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
  const problem = parameterValueProblem(type, value);
  if (problem === undefined || type !== 'string' || typeof value !== 'number') return problem;
  return `${problem}; quote the value in YAML so it stays text`;
}
