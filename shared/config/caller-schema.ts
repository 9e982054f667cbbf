/**
 * `webhook.callers`: named holders of webhook credentials. One secret per caller (its signing
 * secret or its bearer token), each caller limited to the flows it lists, so a deployment of many
 * flows has as many secrets as it has callers, not flows. A flow's own `webhook.auth` still works:
 * it is the flow's implicit caller, with the secret names it always had (shared/webhook/callers.ts).
 */
import * as z from 'zod';
import { nameSchema, strictObject, uniqueNames } from './fields.ts';

export const ALL_WEBHOOK_FLOWS = '*';

export interface CallerConfig {
  readonly name: string;
  /** One method per named caller; a flow's implicit caller may hold both. */
  readonly auth: 'signature' | 'bearer';
  /** Flow names (each with a `webhook:`); `*` already expanded to every such flow. */
  readonly flows: readonly string[];
  readonly description?: string;
}

export const callerSchema = strictObject({
  name: nameSchema('caller name'),
  auth: z
    .enum(['signature', 'bearer'], { error: (issue) => `must be signature or bearer (got '${String(issue.input)}')` })
    .default('signature')
    .meta({ description: 'signature (Standard Webhooks HMAC, the default) or bearer (Authorization: Bearer <token>).' }),
  flows: z
    .union([z.literal(ALL_WEBHOOK_FLOWS), z.array(z.string()).min(1, { error: 'must name at least one flow, or be "*"' })], {
      error: 'must be "*" (every flow with a webhook) or a list of flow names',
    })
    .meta({ description: 'The flows this caller may trigger and read: names of flows with a webhook, or "*".' }),
  description: z.string().optional(),
});

export const callersSchema = z.array(callerSchema).default([]).superRefine(uniqueNames('caller', 'callers'));

export type RawCaller = z.output<typeof callerSchema>;

/** Problems of one caller's flow list against the flows that have a webhook: [position, message]. */
export function callerFlowProblems(caller: RawCaller, flows: Readonly<Record<string, { readonly webhook?: unknown }>>): Array<[number, string]> {
  if (caller.flows === ALL_WEBHOOK_FLOWS) return [];
  const withWebhook = Object.keys(flows).filter((name) => flows[name]?.webhook !== undefined);
  return caller.flows.flatMap((flow, position): Array<[number, string]> => {
    if (!Object.hasOwn(flows, flow)) return [[position, `unknown flow '${flow}' (flows with a webhook: ${withWebhook.join(', ') || 'none'})`]];
    if (flows[flow]?.webhook === undefined) return [[position, `flow '${flow}' has no webhook: add \`webhook: {}\` to it to let callers start it`]];
    return [];
  });
}

export function buildCaller(caller: RawCaller, flows: Readonly<Record<string, { readonly webhook?: unknown }>>): CallerConfig {
  const names = caller.flows === ALL_WEBHOOK_FLOWS ? Object.keys(flows).filter((name) => flows[name]?.webhook !== undefined) : [...new Set(caller.flows)];
  return { name: caller.name, auth: caller.auth, flows: names, ...(caller.description ? { description: caller.description } : {}) };
}
