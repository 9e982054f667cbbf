/**
 * Standard Webhooks signature check (the `standardwebhooks` package): HMAC-SHA256 over
 * `<webhook-id>.<webhook-timestamp>.<raw body>`, several space-separated `v1,<base64>` signatures
 * allowed, timestamps within 5 minutes either way.
 */
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { configuredSecret, type CredentialCheck } from './credential-check.ts';
import type { WebhookSecrets } from './webhook-secrets.ts';

const SIGNATURE_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/**
 * What a signature covers: a POST's raw body; for a GET, which has no body, its method and path
 * (`GET /runs/<runId>`). Signing what is done, not an empty body, is what keeps a poll's
 * signature from being replayed as an empty-body POST that starts a run.
 */
export function signedContentOf(request: { readonly method: string; readonly path: string; readonly rawBody: string }): string {
  return request.method.toUpperCase() === 'GET' ? `GET ${request.path}` : request.rawBody;
}

export async function checkSignature(
  flow: string,
  headers: Readonly<Record<string, string | undefined>>,
  rawBody: string,
  secrets: WebhookSecrets,
): Promise<CredentialCheck> {
  const absent = SIGNATURE_HEADERS.filter((name) => !headers[name]);
  if (absent.length === SIGNATURE_HEADERS.length) return { status: 'missing', detail: 'no signature headers' };
  if (absent.length > 0) return { status: 'missing', detail: `missing ${absent.join(', ')} header` };

  const webhook = await webhookFor(flow, secrets);
  if (!(webhook instanceof Webhook)) return webhook;
  const signed = {
    'webhook-id': headers['webhook-id'] ?? '',
    'webhook-timestamp': headers['webhook-timestamp'] ?? '',
    'webhook-signature': headers['webhook-signature'] ?? '',
  };
  try {
    webhook.verify(rawBody, signed, { jsonParse: false });
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    return invalid(error.message);
  }
  return { status: 'ok', method: 'signature', webhookId: signed['webhook-id'], timestamp: timestampOf(signed) };
}

async function webhookFor(flow: string, secrets: WebhookSecrets): Promise<Webhook | CredentialCheck> {
  const secret = await configuredSecret(flow, 'signing secret', (name) => secrets.signingSecret(name));
  if (typeof secret !== 'string') return secret;
  try {
    // Accepts `whsec_<base64>` and bare base64 (what Secrets Manager generates).
    return new Webhook(secret);
  } catch {
    return { status: 'unavailable', detail: `the signing secret of flow ${flow} is not base64 (optionally prefixed whsec_)` };
  }
}

/** The library's reasons, sorted into what a caller can act on; the signature itself is never repeated. */
function invalid(libraryMessage: string): CredentialCheck {
  if (/too old/i.test(libraryMessage)) {
    return { status: 'invalid', reason: 'stale', message: 'invalid signature: webhook-timestamp is more than 5 minutes old' };
  }
  if (/too new/i.test(libraryMessage)) {
    return { status: 'invalid', reason: 'future', message: 'invalid signature: webhook-timestamp is more than 5 minutes ahead' };
  }
  if (/headers/i.test(libraryMessage)) {
    return { status: 'invalid', reason: 'bad-timestamp', message: 'invalid signature: webhook-timestamp must be Unix seconds' };
  }
  return { status: 'invalid', reason: 'mismatch', message: 'invalid signature' };
}

function timestampOf(signed: { 'webhook-timestamp': string }): Date {
  return new Date(Number.parseInt(signed['webhook-timestamp'], 10) * 1000);
}
