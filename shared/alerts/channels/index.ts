/**
 * The alert channels: a subscriber names exactly one by its key. Adding a channel is its module
 * and one line here; the config schema, the alert bodies, the SNS subscriptions and local mode
 * all read this table. The order is the order of the config keys and of the message bodies.
 */
import type { AlertChannel, ChannelRenderInput } from './channel.ts';
import { emailChannel } from './email.ts';
import { smsChannel } from './sms.ts';

export const ALERT_CHANNELS = [emailChannel, smsChannel] as const;

export type ChannelKey = (typeof ALERT_CHANNELS)[number]['key'];
export const CHANNEL_KEYS: readonly ChannelKey[] = ALERT_CHANNELS.map((channel) => channel.key);

/** The channel a subscriber's `protocol` names; the config schema only lets known keys through. */
export function channelOf(key: ChannelKey): AlertChannel<ChannelKey> {
  return ALERT_CHANNELS.find((channel) => channel.key === key) as AlertChannel<ChannelKey>;
}

/** One body per channel, keyed as SNS reads them from a `MessageStructure: 'json'` message. */
export function renderChannelBodies(alert: ChannelRenderInput): Record<ChannelKey, string> {
  return Object.fromEntries(ALERT_CHANNELS.map((channel) => [channel.key, channel.render(alert)])) as Record<ChannelKey, string>;
}
