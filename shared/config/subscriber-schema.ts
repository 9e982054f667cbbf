/** The schema of one alert subscriber: an email address or an SMS number, and what it receives. */
import * as z from 'zod';
import { FAILURE_ALERTS, type FailureAlerts } from '../alerts/filter-policy.ts';
import { OUTCOMES, FAILURE_OUTCOMES } from '../model.ts';
import { emailSchema, nameSchema, phoneSchema, strictObject } from './fields.ts';

/** The run outcomes, plus RECOVERED: the alert sent when a flow succeeds after a failure. */
export const SUBSCRIBER_OUTCOMES = [...OUTCOMES, 'RECOVERED'] as const;
export type SubscriberOutcome = (typeof SUBSCRIBER_OUTCOMES)[number];

/** Email gets everything worth reading; SKIPPED is routine and would only be noise. */
export const DEFAULT_EMAIL_OUTCOMES: readonly SubscriberOutcome[] = SUBSCRIBER_OUTCOMES.filter((outcome) => outcome !== 'SKIPPED');
/** SMS wakes people up: failures, and the all-clear. */
export const DEFAULT_SMS_OUTCOMES: readonly SubscriberOutcome[] = [...FAILURE_OUTCOMES, 'RECOVERED'];

/** Email hears about a long outage now and then; SMS only when it starts and when it ends. */
export const DEFAULT_EMAIL_FAILURES: FailureAlerts = 'reminders';
export const DEFAULT_SMS_FAILURES: FailureAlerts = 'first';

export const ALL_FLOWS = '*';

export const subscriberSchema = strictObject({
  name: nameSchema('subscriber name'),
  email: emailSchema.optional(),
  sms: phoneSchema.optional(),
  outcomes: z
    .array(z.enum(SUBSCRIBER_OUTCOMES, { error: (issue) => `must be one of ${SUBSCRIBER_OUTCOMES.join(', ')} (got '${String(issue.input)}')` }))
    .min(1, { error: 'must list at least one outcome; remove the key for the default' })
    .optional()
    .meta({ description: 'Outcomes this subscriber receives. Default: email all but SKIPPED; sms failures and RECOVERED.' }),
  flows: z
    .array(z.string())
    .min(1, { error: 'must list at least one flow, or "*" for all' })
    .default([ALL_FLOWS])
    .meta({ description: '"*" for every flow, or a list of flow names.' }),
  failures: z
    .enum(FAILURE_ALERTS, { error: (issue) => `must be one of ${FAILURE_ALERTS.join(', ')} (got '${String(issue.input)}')` })
    .optional()
    .meta({
      description:
        'Which failures of a streak to receive: first (the first, then the recovery), reminders (also after each quiet period and at remindAt counts), every (all). Default: email reminders, sms first.',
    }),
  alarms: z
    .boolean({ error: 'must be true or false' })
    .optional()
    .meta({
      description:
        "Receive the stack's operational alarms (failed executions, Lambda errors, dead letters) from the alarms topic. Default: email true, sms false.",
    }),
}).superRefine((subscriber, ctx) => {
  if (subscriber.email !== undefined && subscriber.sms !== undefined) {
    ctx.addIssue({ code: 'custom', message: 'has both email and sms; set exactly one (add a second subscriber for the other)', path: [] });
  } else if (subscriber.email === undefined && subscriber.sms === undefined) {
    ctx.addIssue({ code: 'custom', message: 'needs an email or an sms key', path: [] });
  }
  if (subscriber.flows.includes(ALL_FLOWS) && subscriber.flows.length > 1) {
    ctx.addIssue({ code: 'custom', message: '"*" already means every flow; use it alone or list flow names', path: ['flows'] });
  }
});

export const subscribersSchema = z.array(subscriberSchema).superRefine((subscribers, ctx) => {
  const seen = new Map<string, number>();
  subscribers.forEach((subscriber, index) => {
    const first = seen.get(subscriber.name);
    if (first === undefined) seen.set(subscriber.name, index);
    else ctx.addIssue({ code: 'custom', message: `duplicate subscriber name '${subscriber.name}' (also subscribers[${first}])`, path: [index, 'name'] });
  });
});
