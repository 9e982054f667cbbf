/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): `webhook-id`, `webhook-timestamp`
 * and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed with the base64
 * secret after `whsec_`. The id is derived from the SNS message and the subscriber, so every
 * retry of one delivery carries the same id and a receiver can drop duplicates.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** `msg_` and 24 characters derived from the alert's message id and the subscriber's name. */
export function deliveryId(messageId: string, subscriber: string): string {
  return `msg_${createHash('sha256').update(`${messageId}\n${subscriber}`).digest('base64url').slice(0, 24)}`;
}

/** The key bytes of a `whsec_` secret; the stack stores the part after the prefix, so both spellings are read. */
export function signingKey(secret: string): Buffer {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  return Buffer.from(encoded, 'base64');
}

export function standardWebhookHeaders(secret: string, id: string, at: Date, body: string): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = createHmac('sha256', signingKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}

/** A fresh secret for local mode: `whsec_` and 24 random bytes in base64. */
export function generateSigningSecret(): string {
  return `${PREFIX}${randomBytes(24).toString('base64')}`;
}
