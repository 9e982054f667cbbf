/**
 * Local mode's AlertPublisher: prints each alert readably and appends it as one JSON line to the
 * outbox, naming the subscribers whose filter policy would let SNS deliver it, so scripts and
 * tests can check alerts without AWS.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AlertMessage } from '../../shared/alerts/alert-message.ts';
import { formatAlertForConsole } from '../../shared/alerts/console-alert.ts';
import type { AlertChannel } from '../../shared/alerts/channels/channel.ts';
import { ALERT_CHANNELS } from '../../shared/alerts/channels/index.ts';
import { matchesFilterPolicy, subscriberFilterPolicy, type FilterPolicy } from '../../shared/alerts/filter-policy.ts';
import type { AlertPublisher } from '../../shared/alerts/publisher.ts';
import type { Clock } from '../../shared/clock.ts';
import type { SubscriberConfig } from '../../shared/config/schema.ts';
import { AlertPublishError } from '../../shared/errors.ts';

export const DEFAULT_OUTBOX_PATH = '.dwq/outbox.jsonl';

/** One line of the outbox. */
export interface OutboxRecord {
  readonly time: string;
  readonly messageId: string;
  readonly subject: string;
  readonly bodies: AlertMessage['bodies'];
  readonly attributes: AlertMessage['attributes'];
  /** Subscriber names whose filter policy matches, as SNS would route the message. */
  readonly deliveredTo: string[];
}

export interface OutboxPublisherOptions {
  readonly path: string;
  readonly subscribers: readonly SubscriberConfig[];
  readonly clock: Clock;
  /** Where the readable alert goes; default: nowhere. */
  readonly print?: (text: string) => void;
  /** The channel table; default: every channel (shared/alerts/channels). */
  readonly channels?: readonly AlertChannel[];
}

interface LocalSubscription {
  readonly subscriber: SubscriberConfig;
  readonly policy: FilterPolicy;
  readonly channel: AlertChannel | undefined;
}

export class OutboxAlertPublisher implements AlertPublisher {
  readonly path: string;
  readonly #options: OutboxPublisherOptions;
  readonly #subscriptions: readonly LocalSubscription[];
  readonly #pending = new Set<Promise<unknown>>();

  constructor(options: OutboxPublisherOptions) {
    this.path = options.path;
    this.#options = options;
    const channels = options.channels ?? ALERT_CHANNELS;
    this.#subscriptions = options.subscribers.map((subscriber) => ({
      subscriber,
      policy: subscriberFilterPolicy(subscriber),
      channel: channels.find((channel) => channel.key === subscriber.protocol),
    }));
  }

  async publish(message: AlertMessage): Promise<{ messageId: string }> {
    const matched = this.#subscriptions.filter(({ policy }) => matchesFilterPolicy(policy, message.attributes));
    const record: OutboxRecord = {
      time: this.#options.clock.now().toISOString(),
      messageId: randomUUID(),
      subject: message.subject,
      bodies: message.bodies,
      attributes: message.attributes,
      deliveredTo: matched.map(({ subscriber }) => subscriber.name),
    };
    const line = `${JSON.stringify(record)}\n`;
    // One write of one whole line: a reader never sees half an alert.
    const write = mkdir(dirname(this.path), { recursive: true }).then(() => appendFile(this.path, line, 'utf8'));
    this.#pending.add(write);
    try {
      await write;
    } catch (error) {
      throw new AlertPublishError(`could not append the alert to the outbox ${this.path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, { cause: error });
    } finally {
      this.#pending.delete(write);
    }
    const to = record.deliveredTo.length > 0 ? record.deliveredTo.join(', ') : message.attributes.alert === 'repeat' ? 'no subscriber: a repeated failure inside the quiet period, kept quiet on purpose (docs/alert-memory.md)' : 'no subscriber (no filter policy matches)';
    this.#options.print?.(`${formatAlertForConsole(message)}\nDelivered to: ${to}  (outbox: ${this.path})`);
    await Promise.all(matched.map((subscription) => this.#deliverLocally(message, subscription)));
    return { messageId: record.messageId };
  }

  /** The channel's own local delivery, for channels that have one; the outbox line is the rest's. */
  async #deliverLocally(message: AlertMessage, { subscriber, channel }: LocalSubscription): Promise<void> {
    if (!channel?.local.deliver) return;
    try {
      await channel.local.deliver(message.bodies[subscriber.protocol], subscriber.endpoint);
    } catch (error) {
      throw new AlertPublishError(`could not deliver the alert to subscriber ${subscriber.name} (${subscriber.protocol}) locally; the outbox has it`, { cause: error });
    }
  }

  /** Resolves once every alert being written has been written (or has failed). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.#pending]);
  }
}

/** Every alert in an outbox file, oldest first; an absent file is an empty outbox. */
export function readOutbox(path: string): OutboxRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as OutboxRecord);
}
