/**
 * One queued alert, one subscriber, one attempt: the decision the delivery Lambda makes for each
 * SQS message. Delivered: done. A 5xx, 429 or timeout: back on the queue after a backoff (the
 * receiver's Retry-After when it asks for longer), until 24 hours have passed. Any other answer,
 * or a body or URL that can never work: to the dead-letter queue at once, so its alarm tells the
 * operator the same hour instead of after a day of retries that cannot succeed.
 */
import { queuedBodyOf } from '../channels/index.ts';
import type { Log } from '../../log.ts';
import { errorName } from '../../log.ts';
import { attemptDelivery, type DeliveryTarget } from './deliver-alert.ts';
import { deliveryUrlProblem } from './endpoint-url.ts';
import type { PostOptions } from './http-post.ts';
import { retryDelaySeconds, retryWindowOver } from './retry-policy.ts';
import { deliveryId } from './signing.ts';

/** A subscriber the delivery Lambda serves, as the stack describes it (DWQ_DELIVERY_SUBSCRIBERS). */
export interface DeliverySubscriber {
  readonly name: string;
  /** The channel key: `slack`, `teams`, `webhook`. */
  readonly channel: string;
  readonly queueArn: string;
  /** The URL, or the name of the secret that holds it. */
  readonly endpoint: string;
  readonly endpointIs: 'url' | 'secret-name';
  /** The secret with the `whsec_` signing key, for channels that sign. */
  readonly signingSecret?: string;
}

export interface QueuedAlert {
  /** The SNS MessageId: with the subscriber's name, the stable `webhook-id`. */
  readonly snsMessageId: string;
  /** The SNS message's `sqs` body: every queued channel's body, packed. */
  readonly message: string;
  /** 1 on the first attempt (SQS's ApproximateReceiveCount). */
  readonly attempt: number;
  /** When SNS put it on the queue (SQS's SentTimestamp), epoch ms. */
  readonly firstSentMs: number;
}

export interface QueuedDeliveryPorts {
  readonly readSecret: (secretId: string) => Promise<string>;
  readonly retryLater: (delaySeconds: number) => Promise<void>;
  readonly deadLetter: (reason: string) => Promise<void>;
  readonly log: Log;
  readonly now: () => Date;
  readonly random?: () => number;
  readonly post?: PostOptions;
}

export type QueuedOutcome = 'delivered' | 'retrying' | 'dead-lettered';

export async function deliverQueuedAlert(alert: QueuedAlert, subscriber: DeliverySubscriber, ports: QueuedDeliveryPorts): Promise<QueuedOutcome> {
  const id = deliveryId(alert.snsMessageId, subscriber.name);
  const keys = { subscriber: subscriber.name, channel: subscriber.channel, webhookId: id, attempt: alert.attempt };
  const giveUp = async (reason: string): Promise<QueuedOutcome> => {
    ports.log.error('alert not delivered: sent to the dead-letter queue', { ...keys, reason });
    await ports.deadLetter(reason);
    return 'dead-lettered';
  };
  const body = queuedBodyOf(alert.message, subscriber.channel);
  if (body === undefined) return giveUp(`the message has no ${subscriber.channel} body (published by another version of the stack?)`);
  let target: DeliveryTarget | { problem: string };
  try {
    target = await targetOf(subscriber, ports.readSecret);
  } catch (error) {
    // Missing, unreadable or throttled: the operator may fix the secret within the retry window.
    return retryOrGiveUp(alert, `could not read a secret (${errorName(error)})`, undefined, ports, keys, giveUp);
  }
  if ('problem' in target) return giveUp(target.problem);
  const result = await attemptDelivery({ target, body, id }, { ...ports.post, now: ports.now });
  if (result.kind === 'delivered') {
    ports.log.info('alert delivered', { ...keys, status: result.status });
    return 'delivered';
  }
  if (result.kind === 'rejected') return giveUp(`the receiver ${result.reason}`);
  return retryOrGiveUp(alert, `the receiver ${result.reason}`, result.retryAfterSeconds, ports, keys, giveUp);
}

async function retryOrGiveUp(
  alert: QueuedAlert,
  reason: string,
  retryAfterSeconds: number | undefined,
  ports: QueuedDeliveryPorts,
  keys: Record<string, unknown>,
  giveUp: (reason: string) => Promise<QueuedOutcome>,
): Promise<QueuedOutcome> {
  const delaySeconds = retryDelaySeconds(alert.attempt, retryAfterSeconds, ports.random);
  if (retryWindowOver(alert.firstSentMs, ports.now().getTime(), delaySeconds)) return giveUp(`${reason}; gave up after 24 hours of retries`);
  ports.log.warn('alert not delivered yet: will retry', { ...keys, reason, retryInSeconds: delaySeconds });
  await ports.retryLater(delaySeconds);
  return 'retrying';
}

/** The URL (from config or from its secret, never logged) and the signing key; or why it can never work. */
async function targetOf(subscriber: DeliverySubscriber, readSecret: (secretId: string) => Promise<string>): Promise<DeliveryTarget | { problem: string }> {
  const url = subscriber.endpointIs === 'url' ? subscriber.endpoint : (await readSecret(subscriber.endpoint)).trim();
  const problem = deliveryUrlProblem(url, 'aws');
  if (problem) {
    const where = subscriber.endpointIs === 'url' ? 'the webhook URL' : `the URL in the secret ${subscriber.endpoint}`;
    // The problem may quote the value; a URL from a secret is itself a credential.
    return { problem: `${where} ${subscriber.endpointIs === 'url' ? problem : 'is not an https URL'}` };
  }
  const signingSecret = subscriber.signingSecret ? (await readSecret(subscriber.signingSecret)).trim() : undefined;
  return { url, signingSecret };
}
