/**
 * The alert channels: a subscriber names exactly one by its key. Adding a channel is its module
 * and one line here; the config schema, the alert bodies, the SNS subscriptions and local mode
 * all read this table. The order is the order of the config keys and of the message bodies.
 */
import type { AlertChannel, AwsDelivery, ChannelRenderInput } from './channel.ts';
import { emailChannel } from './email.ts';
import { slackChannel } from './slack.ts';
import { smsChannel } from './sms.ts';
import { teamsChannel } from './teams.ts';
import { webhookChannel } from './webhook.ts';

export const ALERT_CHANNELS = [emailChannel, smsChannel, slackChannel, teamsChannel, webhookChannel] as const;

export type ChannelKey = (typeof ALERT_CHANNELS)[number]['key'];
export const CHANNEL_KEYS: readonly ChannelKey[] = ALERT_CHANNELS.map((channel) => channel.key);

/** The channel a subscriber's `protocol` names; the config schema only lets known keys through. */
export function channelOf(key: ChannelKey): AlertChannel<ChannelKey> {
  return ALERT_CHANNELS.find((channel) => channel.key === key) as AlertChannel<ChannelKey>;
}

/** How our delivery function (not SNS) reaches a subscriber: Slack, Teams and webhooks. */
export type FunctionDelivery = Extract<AwsDelivery, { readonly kind: 'delivery-function' }>;

/** The subscribers SNS cannot reach itself, each with how the delivery function reaches it. */
export function functionDeliveries<S extends { readonly protocol: ChannelKey; readonly endpoint: string }>(subscribers: readonly S[]): { readonly subscriber: S; readonly delivery: FunctionDelivery }[] {
  return subscribers.flatMap((subscriber) => {
    const delivery = channelOf(subscriber.protocol).aws(subscriber.endpoint);
    return delivery.kind === 'delivery-function' ? [{ subscriber, delivery }] : [];
  });
}

/** One body per channel, keyed as SNS reads them from a `MessageStructure: 'json'` message. */
export function renderChannelBodies(alert: ChannelRenderInput): Record<ChannelKey, string> {
  return Object.fromEntries(ALERT_CHANNELS.map((channel) => [channel.key, channel.render(alert)])) as Record<ChannelKey, string>;
}

/** SNS's key for what its SQS subscriptions receive: every queue of a delivery function gets this one body. */
export const SQS_BODY_KEY = 'sqs';

/**
 * The SNS message's bodies: those of the channels SNS delivers under their own keys, and those
 * of the delivery-function channels packed into the one `sqs` body (SNS has one key per protocol,
 * and every such channel's queue is an SQS subscription); the delivery Lambda unpacks its own.
 */
export function snsMessageBodies(bodies: Readonly<Record<string, string>>): Record<string, string> {
  const direct: Record<string, string> = {};
  const queued: Record<string, string> = {};
  for (const [key, body] of Object.entries(bodies)) {
    const channel = ALERT_CHANNELS.find((candidate) => candidate.key === key);
    if (channel && channel.aws('').kind === 'delivery-function') queued[key] = body;
    else direct[key] = body;
  }
  return Object.keys(queued).length === 0 ? direct : { ...direct, [SQS_BODY_KEY]: JSON.stringify(queued) };
}

/** The body of `channel` in an SQS message's `Message` (the packed `sqs` body); undefined when absent. */
export function queuedBodyOf(message: string, channel: string): string | undefined {
  try {
    const bodies = JSON.parse(message) as Record<string, unknown>;
    const body = bodies[channel];
    return typeof body === 'string' ? body : undefined;
  } catch {
    return undefined;
  }
}
