/**
 * Authenticates a request with the credentials that open the flow (callers.ts: its named callers
 * and its own); any one that succeeds is enough. Refusals say whether credentials were missing or
 * wrong, never what was presented, nor which callers exist.
 */
import { randomBytes } from 'node:crypto';
import { checkBearer } from './bearer.ts';
import type { Credential } from './callers.ts';
import type { AuthMethod, CredentialCheck } from './credential-check.ts';
import { WebhookHttpError } from './http-error.ts';
import type { HttpRequest } from './http.ts';
import { checkSignature, signedContentOf } from './signature.ts';
import type { WebhookLogger } from './webhook-logger.ts';
import type { WebhookSecrets } from './webhook-secrets.ts';

/** `holder`: whose credential it was (callers.ts), for the log and the caller's own flows. */
export type Authenticated = Extract<CredentialCheck, { status: 'ok' }> & { readonly holder: string };

export interface AuthDeps {
  readonly secrets: WebhookSecrets;
  readonly logger: WebhookLogger;
}

export async function authenticate(
  flow: string,
  credentials: readonly Credential[],
  request: HttpRequest,
  deps: AuthDeps,
): Promise<Authenticated> {
  const checks: CredentialCheck[] = [];
  for (const { holder, method } of credentials) {
    const check =
      method === 'signature'
        ? await checkSignature(holder, request.headers, signedContentOf(request), deps.secrets)
        : await checkBearer(holder, request.headers, deps.secrets);
    if (check.status === 'ok') return { ...check, holder };
    checks.push(check);
  }
  const methods = [...new Set(credentials.map((credential) => credential.method))];
  throw refusal(flow, methods, checks, request, deps.logger);
}

/** An unknown flow is refused as if it accepted both methods: its answer reads like a real flow's. */
const ALL_METHODS: readonly AuthMethod[] = ['signature', 'bearer'];

/**
 * Credentials no caller holds, drawn once per process: checking an unknown flow's request against
 * them costs what a real check costs and always fails the way a wrong credential fails.
 */
const DECOY_SIGNING_SECRET = randomBytes(32).toString('base64');
const DECOY_TOKEN = randomBytes(32).toString('hex');
const DECOY_SECRETS: WebhookSecrets = {
  signingSecret: async () => DECOY_SIGNING_SECRET,
  bearerToken: async () => DECOY_TOKEN,
};

/**
 * Authenticate first: whether the flow (or run) exists is told only to a caller who proved who it
 * is. For an unknown flow the request is checked against decoy credentials, so it gets the same
 * 401 a real flow gives to a bad credential. A known flow's request is checked against the
 * credentials that open it (callers.ts). Every route calls this before its own lookups.
 */
export async function authenticateFirst<F>(
  flowName: string,
  flow: F | undefined,
  credentials: (flow: F) => readonly Credential[],
  request: HttpRequest,
  deps: AuthDeps,
): Promise<{ readonly flow: F; readonly auth: Authenticated }> {
  if (flow === undefined) {
    const decoys = ALL_METHODS.map((method) => ({ holder: flowName, method }));
    await authenticate(flowName, decoys, request, { ...deps, secrets: DECOY_SECRETS });
    // The decoy accepts no credential; should it ever, the flow still does not exist.
    throw new WebhookHttpError(401, 'invalid_signature', 'invalid signature');
  }
  return { flow, auth: await authenticate(flowName, credentials(flow), request, deps) };
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
