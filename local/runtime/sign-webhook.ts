/**
 * Signs a webhook call the way a Standard Webhooks sender does (the `standardwebhooks` package),
 * for `dwq sign`, the curl example `dwq start` prints and its demo trigger.
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { ValidationError } from '../../shared/errors.ts';

export interface SignedCall {
  /** content-type and the three Standard Webhooks headers, lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body exactly as signed: send these bytes. */
  readonly body: string;
}

export interface SignOptions {
  /** The delivery id; default a fresh `msg_…`. Reuse it to retry the same delivery. */
  readonly id?: string;
  /** Default now. Receivers accept 5 minutes either way. */
  readonly time?: Date;
}

/** A signing helper for a secret (`whsec_<base64>` or bare base64); ValidationError when it is neither. */
export function webhookSigner(secret: string): (body: string, options?: SignOptions) => SignedCall {
  let webhook: Webhook;
  try {
    webhook = new Webhook(secret.trim());
  } catch (error) {
    throw new ValidationError('the signing secret is not a Standard Webhooks secret (whsec_ followed by base64)', { cause: error });
  }
  return (body, options = {}) => {
    const id = options.id ?? `msg_${randomBytes(12).toString('hex')}`;
    const time = options.time ?? new Date();
    return {
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(time.getTime() / 1000)),
        'webhook-signature': webhook.sign(id, time, body),
      },
      body,
    };
  };
}

/** A ready-to-paste curl line (POSIX shell quoting). */
export function curlCommand(url: string, call: SignedCall, method: 'POST' | 'GET' = 'POST'): string {
  const headers = Object.entries(call.headers).map(([name, value]) => `-H ${shellQuote(`${name}: ${value}`)}`);
  const data = method === 'GET' ? [] : ['--data-binary', shellQuote(call.body)];
  return ['curl', '-sS', '-X', method, shellQuote(url), ...headers, ...data].join(' ');
}

function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
