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
import type { AlertChannel, LocalDeliveryPorts } from '../../shared/alerts/channels/channel.ts';
import { ALERT_CHANNELS } from '../../shared/alerts/channels/index.ts';
import { matchesFilterPolicy, subscriberFilterPolicy, type FilterPolicy } from '../../shared/alerts/filter-policy.ts';
import type { AlertPublisher } from '../../shared/alerts/publisher.ts';
import type { Clock } from '../../shared/clock.ts';
import type { SubscriberConfig } from '../../shared/config/schema.ts';
import { generateSigningSecret } from '../../shared/alerts/delivery/signing.ts';
import { AlertPublishError, SecretConfigurationError } from '../../shared/errors.ts';
import { describeError } from '../../shared/log.ts';

/** Local mode's delivery settings, read from the environment `dwq start` runs in. */
export const LOCAL_DELIVERY_ENV = {
  /** `whsec_…` that local mode signs outbound webhooks with; generated (and printed) when unset. */
  subscriberSecret: 'DWQ_SUBSCRIBER_SECRET',
  /** `1`: post Slack and Teams messages for real (`dwq start --deliver`). */
  deliver: 'DWQ_DELIVER',
  /** Prefix of the variable holding a chat secret's value locally: DWQ_SECRET_DATAWORQ_SLACK_DATA_TEAM for dataworq/slack-data-team. */
  secretPrefix: 'DWQ_SECRET_',
} as const;

const DEFAULT_OUTBOX_PATH = '.dwq/outbox.jsonl';

/** The outbox a command writes: its `--outbox`, else $DWQ_OUTBOX, else .dwq/outbox.jsonl. */
export function outboxPathOf(option: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  return option ?? (env['DWQ_OUTBOX'] || DEFAULT_OUTBOX_PATH);
}

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
  /** DWQ_SUBSCRIBER_SECRET, DWQ_DELIVER, DWQ_SECRET_*; default none. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Called when a subscriber's local delivery failed (after it was printed). */
  readonly onDeliveryFailure?: (subscriber: string, error: unknown) => void;
  /** Replaces fetch for local deliveries (tests). */
  readonly fetch?: LocalDeliveryPorts['fetch'];
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
  readonly #ports: LocalDeliveryPorts;
  /** The secret outbound webhooks are signed with, when a subscriber has a webhook; `generated` when made at start. */
  readonly subscriberSecret: { readonly value: string; readonly generated: boolean } | undefined;

  constructor(options: OutboxPublisherOptions) {
    this.path = options.path;
    this.#options = options;
    const channels = options.channels ?? ALERT_CHANNELS;
    this.#subscriptions = options.subscribers.map((subscriber) => ({
      subscriber,
      policy: subscriberFilterPolicy(subscriber),
      channel: channels.find((channel) => channel.key === subscriber.protocol),
    }));
    const env = options.env ?? {};
    const fromEnv = env[LOCAL_DELIVERY_ENV.subscriberSecret];
    const secret = fromEnv ? { value: fromEnv, generated: false } : { value: generateSigningSecret(), generated: true };
    this.subscriberSecret = options.subscribers.some((subscriber) => subscriber.protocol === 'webhook') ? secret : undefined;
    this.#ports = {
      signingSecret: secret.value,
      deliverChat: env[LOCAL_DELIVERY_ENV.deliver] === '1',
      readSecret: async (name) => {
        const variable = localSecretVariable(name);
        const value = env[variable];
        if (!value) throw new SecretConfigurationError(`the secret ${name} has no local value: set ${variable} to its value (the URL) to deliver with --deliver`);
        return value;
      },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    };
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
    await Promise.all(matched.map((subscription) => this.#deliverLocally(message, record.messageId, subscription)));
    return { messageId: record.messageId };
  }

  /**
   * The channel's own local delivery, for channels that have one; the outbox line is the rest's.
   * A receiver's failure is printed, not thrown: as in AWS, where the dead-letter queue has it,
   * it must not fail the run nor make the state machine publish the alert again to everyone.
   */
  async #deliverLocally(message: AlertMessage, messageId: string, { subscriber, channel }: LocalSubscription): Promise<void> {
    if (!channel?.local.deliver) return;
    const request = { body: message.bodies[subscriber.protocol], endpoint: subscriber.endpoint, subscriber: subscriber.name, messageId };
    try {
      const line = await channel.local.deliver(request, this.#ports);
      if (line) this.#options.print?.(`[alert] ${line}`);
    } catch (error) {
      this.#options.print?.(`[alert] ERROR could not deliver the alert to subscriber ${subscriber.name} (${subscriber.protocol}): ${describeError(error)}; the outbox has it`);
      this.#options.onDeliveryFailure?.(subscriber.name, error);
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

/** `dataworq/slack-data-team` → `DWQ_SECRET_DATAWORQ_SLACK_DATA_TEAM`. */
export function localSecretVariable(secretName: string): string {
  return `${LOCAL_DELIVERY_ENV.secretPrefix}${secretName.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`;
}

/** The start screen's line about the outbound-webhook secret: shown once when generated, never when from the environment. */
export function subscriberSecretLine(publisher: OutboxAlertPublisher): string | undefined {
  const secret = publisher.subscriberSecret;
  if (secret === undefined) return undefined;
  return secret.generated
    ? `  webhooks  outbound alerts signed with ${secret.value}  (generated; set ${LOCAL_DELIVERY_ENV.subscriberSecret} to keep one)`
    : `  webhooks  outbound alerts signed with the secret from ${LOCAL_DELIVERY_ENV.subscriberSecret}`;
}
