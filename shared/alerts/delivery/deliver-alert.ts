/**
 * Delivers one alert body to one receiver, signed when the channel signs (outbound webhooks),
 * and retries locally when asked: the AWS path retries through SQS instead (functions/deliver).
 */
import { postJson, type DeliveryResult, type PostOptions } from './http-post.ts';
import { standardWebhookHeaders } from './signing.ts';

export interface DeliveryTarget {
  readonly url: string;
  /** `whsec_…`: present for channels that sign (Standard Webhooks). */
  readonly signingSecret?: string;
}

export interface DeliveryRequest {
  readonly target: DeliveryTarget;
  readonly body: string;
  /** The `webhook-id`: the same for every attempt of this delivery. */
  readonly id: string;
}

/** One attempt; a new `webhook-timestamp` each time (the spec's replay window counts from the attempt). */
export function attemptDelivery(request: DeliveryRequest, options: PostOptions = {}): Promise<DeliveryResult> {
  const { target, body, id } = request;
  const now = options.now?.() ?? new Date();
  const headers = target.signingSecret ? standardWebhookHeaders(target.signingSecret, id, now, body) : {};
  return postJson(target.url, body, headers, options);
}

export interface LocalRetryOptions extends PostOptions {
  /** Default 4. */
  readonly attempts?: number;
  /** Delay before attempt n+1; default 250 ms doubling. */
  readonly delayMs?: (attempt: number) => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Local mode's retry loop: a few quick attempts, the same classification as in AWS. */
export async function deliverWithRetries(request: DeliveryRequest, options: LocalRetryOptions = {}): Promise<{ result: DeliveryResult; attempts: number }> {
  const attempts = options.attempts ?? 4;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const delayMs = options.delayMs ?? ((attempt: number) => 250 * 2 ** (attempt - 1));
  for (let attempt = 1; ; attempt++) {
    const result = await attemptDelivery(request, options);
    if (result.kind !== 'retry' || attempt >= attempts) return { result, attempts: attempt };
    await sleep(result.retryAfterSeconds !== undefined ? Math.min(result.retryAfterSeconds * 1000, 5000) : delayMs(attempt));
  }
}
