/**
 * The schema of one alert subscriber: exactly one channel key (channels/index.ts: `email`, `sms`,
 * `slack`, `teams`, `webhook`)
 * holding its endpoint, and what it receives, with defaults that the channel chooses.
 */
import * as z from 'zod';
import { ALERT_OUTCOMES, type AlertOutcome } from '../alerts/alert-message.ts';
import type { AlertChannel } from '../alerts/channels/channel.ts';
import { ALERT_CHANNELS, CHANNEL_KEYS, channelOf, type ChannelKey } from '../alerts/channels/index.ts';
import { ATTEMPT_ALERTS, FAILURE_ALERTS, type AttemptAlerts, type FailureAlerts } from '../alerts/filter-policy.ts';
import { nameSchema, strictObject, uniqueNames } from './fields.ts';

/** The run outcomes, plus RECOVERED: the alert sent when a flow succeeds after a failure. */
export const SUBSCRIBER_OUTCOMES = ALERT_OUTCOMES;
export type SubscriberOutcome = AlertOutcome;

export const ALL_FLOWS = '*';

export interface SubscriberConfig {
  readonly name: string;
  /** The channel key the subscriber used. */
  readonly protocol: ChannelKey;
  /** The email address, E.164 number, webhook URL or (Slack, Teams) the name of the secret holding the URL. */
  readonly endpoint: string;
  /** Defaults applied per channel. */
  readonly outcomes: readonly SubscriberOutcome[];
  /** Flow names; "*" expanded to every flow. */
  readonly flows: readonly string[];
  /** True when the config said "*": no flow filter is needed, and future flows are included. */
  readonly allFlows: boolean;
  /** Which failures of a streak it receives; defaults applied per channel. */
  readonly failures: FailureAlerts;
  /** Which attempts of a retried run it receives: `final` (default) or `every`. */
  readonly attempts?: AttemptAlerts;
  /** Subscribed to the operational alarms topic; defaults applied per channel. */
  readonly alarms: boolean;
}

/** `email all but SKIPPED; sms failures and RECOVERED`, for the descriptions of the defaults. */
function defaultsText(text: (channel: AlertChannel) => string, separator: string): string {
  return ALERT_CHANNELS.map((channel) => `${channel.key} ${text(channel)}`).join(separator);
}

/** A channel's endpoint check as a schema field: its own words for every wrong value. */
function endpointSchema(channel: AlertChannel): z.ZodType<string, unknown> {
  const check = (value: unknown, ctx: z.RefinementCtx) => {
    const problem = channel.endpointProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, input: value });
  };
  const { endpointOf } = channel;
  // A channel whose value is an object (`slack: { webhookSecret: ... }`) names the endpoint in it.
  if (endpointOf) return z.unknown().superRefine(check).transform((value) => endpointOf(value)).meta(channel.endpointJsonSchema);
  return z.string({ error: (issue) => channel.endpointProblem(issue.input) }).superRefine(check).meta(channel.endpointJsonSchema);
}

const channelShape = Object.fromEntries(ALERT_CHANNELS.map((channel) => [channel.key, endpointSchema(channel).optional()])) as Record<
  ChannelKey,
  z.ZodOptional<z.ZodType<string, unknown>>
>;

export const subscriberSchema = strictObject({
  name: nameSchema('subscriber name'),
  ...channelShape,
  outcomes: z
    .array(z.enum(SUBSCRIBER_OUTCOMES, { error: (issue) => `must be one of ${SUBSCRIBER_OUTCOMES.join(', ')} (got '${String(issue.input)}')` }))
    .min(1, { error: 'must list at least one outcome; remove the key for the default' })
    .optional()
    .meta({ description: `Outcomes this subscriber receives. Default: ${defaultsText((channel) => channel.defaults.outcomesText, '; ')}.` }),
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
        'Which failures of a streak to receive: first (the first, then the recovery), reminders (also after each quiet period and at remindAt counts), every (all). ' +
        `Default: ${defaultsText((channel) => channel.defaults.failures, ', ')}.`,
    }),
  attempts: z
    .enum(ATTEMPT_ALERTS, { error: (issue) => `must be one of ${ATTEMPT_ALERTS.join(', ')} (got '${String(issue.input)}')` })
    .default('final')
    .meta({ description: "A retried run's attempts to receive: final (only the run's last outcome, default) or every (each attempt that is retried, too)." }),
  alarms: z
    .boolean({ error: 'must be true or false' })
    .optional()
    .meta({
      description:
        "Receive the stack's operational alarms (failed executions, Lambda errors, dead letters) from the alarms topic. " +
        `Default: ${defaultsText((channel) => String(channel.defaults.alarms), ', ')}.`,
    }),
}).superRefine((subscriber, ctx) => {
  const keys = CHANNEL_KEYS.filter((key) => subscriber[key] !== undefined);
  if (keys.length > 1) {
    ctx.addIssue({ code: 'custom', message: `has ${bothOf(keys)}; set exactly one (add a second subscriber for the other)`, path: [] });
  } else if (keys.length === 0) {
    ctx.addIssue({ code: 'custom', message: `needs ${orList(ALERT_CHANNELS.map((channel) => `${channel.article} ${channel.key}`))} key`, path: [] });
  }
  const unsupported = keys.length === 1 && subscriber.alarms === true ? channelOf(keys[0]!).alarmsUnsupported : undefined;
  if (unsupported) ctx.addIssue({ code: 'custom', message: unsupported, path: ['alarms'] });
  if (subscriber.flows.includes(ALL_FLOWS) && subscriber.flows.length > 1) {
    ctx.addIssue({ code: 'custom', message: '"*" already means every flow; use it alone or list flow names', path: ['flows'] });
  }
});

export const subscribersSchema = z.array(subscriberSchema).superRefine(uniqueNames('subscriber', 'subscribers'));

export type RawSubscriber = z.output<typeof subscriberSchema>;

/** The subscriber with its channel's defaults applied; the schema let exactly one channel key through. */
export function buildSubscriber(subscriber: RawSubscriber, flowNames: readonly string[]): SubscriberConfig {
  const protocol = CHANNEL_KEYS.find((key) => subscriber[key] !== undefined) ?? CHANNEL_KEYS[0]!;
  const { defaults } = channelOf(protocol);
  const allFlows = subscriber.flows.includes(ALL_FLOWS);
  return {
    name: subscriber.name,
    protocol,
    endpoint: subscriber[protocol] ?? '',
    outcomes: subscriber.outcomes ? [...new Set(subscriber.outcomes)] : defaults.outcomes,
    flows: allFlows ? flowNames : [...new Set(subscriber.flows)],
    allFlows,
    failures: subscriber.failures ?? defaults.failures,
    attempts: subscriber.attempts,
    alarms: subscriber.alarms ?? defaults.alarms,
  };
}

/** `both email and sms`; with more keys, `email, sms and slack`. */
function bothOf(keys: readonly string[]): string {
  return keys.length === 2 ? `both ${keys[0]} and ${keys[1]}` : joinWords(keys, 'and');
}

function orList(words: readonly string[]): string {
  return joinWords(words, 'or');
}

function joinWords(words: readonly string[], last: string): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;
}
