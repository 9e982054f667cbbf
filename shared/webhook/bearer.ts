import { createHash, timingSafeEqual } from 'node:crypto';
import { configuredSecret, type CredentialCheck } from './credential-check.ts';
import type { WebhookSecrets } from './webhook-secrets.ts';

const BEARER = /^Bearer +(\S+) *$/i;

/** `Authorization: Bearer <token>`, compared in constant time whatever the presented length. */
export async function checkBearer(
  flow: string,
  headers: Readonly<Record<string, string | undefined>>,
  secrets: WebhookSecrets,
): Promise<CredentialCheck> {
  const authorization = headers.authorization;
  if (!authorization) return { status: 'missing', detail: 'no Authorization header' };
  const presented = BEARER.exec(authorization)?.[1];
  if (presented === undefined) {
    return { status: 'invalid', reason: 'not-bearer', message: 'invalid token: expected Authorization: Bearer <token>' };
  }

  const expected = await configuredSecret(flow, 'bearer token', (name) => secrets.bearerToken(name));
  if (typeof expected !== 'string') return expected;
  if (!sameToken(presented, expected)) {
    return { status: 'invalid', reason: 'mismatch', message: 'invalid token' };
  }
  return { status: 'ok', method: 'bearer' };
}

/** A constant-time comparison of two tokens: digests have equal lengths, so neither the comparison nor its failure reveals a token's length. */
export function sameToken(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
