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
  // Digests have equal lengths, so neither the comparison nor its failure reveals the token's length.
  if (!timingSafeEqual(digest(presented), digest(expected))) {
    return { status: 'invalid', reason: 'mismatch', message: 'invalid token' };
  }
  return { status: 'ok', method: 'bearer' };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
