/**
 * The `alerts:` policy (docs/alert-memory.md): at the top level with defaults, and per flow with
 * only the keys that differ. Each flow ends up with one resolved AlertPolicy.
 */
import * as z from 'zod';
import { DEFAULT_ALERT_POLICY, type AlertPolicy } from '../alerts/alert-policy.ts';
import { durationSchema, strictObject } from './fields.ts';

const MINUTE = 60;
const DAY = 86_400;
const MAX_REMINDERS = 20;

const quietPeriodSchema = durationSchema(MINUTE, 7 * DAY).meta({
  description: 'After an alert, further failures of the same streak stay quiet this long (60s..7d).',
});

const remindAtSchema = z
  .array(
    z
      .int({ error: 'must be a whole number of failures in a row, such as 5' })
      .min(2, { error: 'must be 2 or more: the first failure of a streak is always alerted' })
      .max(100_000),
  )
  .max(MAX_REMINDERS, { error: `must list at most ${MAX_REMINDERS} counts` })
  .transform((counts) => [...new Set(counts)].sort((a, b) => a - b))
  .meta({ description: 'Streak lengths that are announced whatever the quiet period, e.g. [5, 10, 20]. [] for none.' });

export const alertPolicySchema = strictObject({
  quietPeriod: quietPeriodSchema.prefault('1h'),
  remindAt: remindAtSchema.default([...DEFAULT_ALERT_POLICY.remindAt]),
});

/** A flow's own policy: only the keys that differ from the top-level `alerts:`. */
export const flowAlertPolicySchema = strictObject({
  quietPeriod: quietPeriodSchema.optional(),
  remindAt: remindAtSchema.optional(),
});

type GlobalAlerts = z.output<typeof alertPolicySchema>;
type FlowAlerts = z.output<typeof flowAlertPolicySchema>;

export function resolveAlertPolicy(global: GlobalAlerts, flow: FlowAlerts | undefined): AlertPolicy {
  return {
    quietPeriodSeconds: flow?.quietPeriod ?? global.quietPeriod,
    remindAt: flow?.remindAt ?? global.remindAt,
  };
}

