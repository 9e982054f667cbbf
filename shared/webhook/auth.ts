/**
 * Authenticates a request with the flow's configured methods; any one that succeeds is enough.
 * Refusals say whether credentials were missing or wrong, never what was presented.
 */
import { checkBearer } from './bearer.ts';
import type { AuthMethod, CredentialCheck } from './credential-check.ts';
import { WebhookHttpError } from './http-error.ts';
import type { HttpRequest } from './http.ts';
import { checkSignature } from './signature.ts';
import type { WebhookLogger } from './webhook-logger.ts';
import type { WebhookSecrets } from './webhook-secrets.ts';

export type Authenticated = Extract<CredentialCheck, { status: 'ok' }>;

export interface AuthDeps {
  readonly secrets: WebhookSecrets;
  readonly logger: WebhookLogger;
}

export async function authenticate(
  flow: string,
  methods: readonly AuthMethod[],
  request: HttpRequest,
  deps: AuthDeps,
): Promise<Authenticated> {
  const checks: CredentialCheck[] = [];
  for (const method of methods) {
    const check =
      method === 'signature'
        ? await checkSignature(flow, request.headers, request.rawBody, deps.secrets)
        : await checkBearer(flow, request.headers, deps.secrets);
    if (check.status === 'ok') return check;
    checks.push(check);
  }
  throw refusal(flow, methods, checks, request, deps.logger);
}

function refusal(
  flow: string,
  methods: readonly AuthMethod[],
  checks: readonly CredentialCheck[],
  request: HttpRequest,
  logger: WebhookLogger,
): WebhookHttpError {
  const context = { flow, webhookId: request.headers['webhook-id']?.slice(0, 255), path: request.path };
  const challenge = methods.includes('bearer') ? { 'www-authenticate': 'Bearer' } : undefined;
  const invalid = checks.find((check) => check.status === 'invalid');
  if (invalid !== undefined) {
    logger.warn('webhook request refused: invalid credentials', { ...context, reason: invalid.reason });
    const code = invalid.message.startsWith('invalid token') ? 'invalid_token' : 'invalid_signature';
    return new WebhookHttpError(401, code, invalid.message, challenge && { headers: challenge });
  }
  const unavailable = checks.find((check) => check.status === 'unavailable');
  if (unavailable !== undefined) {
    logger.error('webhook credentials unavailable', { ...context, detail: unavailable.detail });
    return new WebhookHttpError(503, 'credentials_unavailable', 'the webhook cannot check credentials right now; retry later', {
      headers: { 'retry-after': '30' },
    });
  }
  if (!methods.includes('bearer') && /^bearer\s/i.test(request.headers['authorization'] ?? '')) {
    logger.warn('webhook request refused: bearer token to a signature-only flow', context);
    return new WebhookHttpError(401, 'bearer_not_accepted', `this flow does not accept bearer tokens: ${expected(methods)}`);
  }
  const details = checks.flatMap((check) => (check.status === 'missing' ? [check.detail] : []));
  logger.warn('webhook request refused: missing credentials', { ...context, detail: details.join('; ') });
  return new WebhookHttpError(401, 'missing_credentials', `missing credentials: ${expected(methods)} (${details.join('; ')})`, challenge && {
    headers: challenge,
  });
}

function expected(methods: readonly AuthMethod[]): string {
  const forms: Record<AuthMethod, string> = {
    signature: 'sign with webhook-id, webhook-timestamp and webhook-signature headers',
    bearer: 'send Authorization: Bearer <token>',
  };
  return methods.map((method) => forms[method]).join(' or ');
}
