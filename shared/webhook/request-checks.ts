/** Checks on the request's envelope, made before anyone reads the body. */
import { WebhookHttpError } from './http-error.ts';
import { executionInputBytes, STEP_FUNCTIONS_PAYLOAD_BYTES, type RunInput } from '../model.ts';
import type { HttpRequest } from './http.ts';

/** The body is small, but its input is what Step Functions measures: JSON escapes can grow it. */
export function checkInputSize(input: RunInput): void {
  const size = executionInputBytes(input);
  if (size > STEP_FUNCTIONS_PAYLOAD_BYTES) {
    throw new WebhookHttpError(413, 'input_too_large', `the run's input would be ${size} bytes; Step Functions accepts at most ${STEP_FUNCTIONS_PAYLOAD_BYTES}: send fewer or shorter parameters`);
  }
}

export function checkBodySize(request: HttpRequest, maxBodyBytes: number): void {
  const size = Buffer.byteLength(request.rawBody, 'utf8');
  if (size > maxBodyBytes) {
    throw new WebhookHttpError(413, 'body_too_large', `the body is ${size} bytes; at most ${maxBodyBytes} are accepted`);
  }
}

/** application/json, optionally with `charset=utf-8`; an empty body may come without a content-type. */
export function checkContentType(request: HttpRequest): void {
  const header = request.headers['content-type'];
  if (header === undefined && request.rawBody === '') return;
  const [mediaType = '', ...parameters] = (header ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replaceAll('"', '');
  if (mediaType !== 'application/json' || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new WebhookHttpError(415, 'unsupported_media_type', 'content-type must be application/json (UTF-8)');
  }
}

const KEY_PATTERN = /^[\x20-\x7E]{1,255}$/;

/**
 * The delivery's idempotency key: the signed webhook-id for signature callers, else the
 * Idempotency-Key header (a quoted string per the IETF draft, or bare), else undefined.
 */
export function idempotencyKeyOf(request: HttpRequest, webhookId: string | undefined): string | undefined {
  if (webhookId !== undefined) return checkedKey(webhookId, 'webhook-id');
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const unquoted = /^"(.*)"$/.exec(header.trim())?.[1] ?? header.trim();
  return checkedKey(unquoted, 'Idempotency-Key');
}

function checkedKey(key: string, header: string): string {
  if (!KEY_PATTERN.test(key) || key.trim() === '') {
    throw new WebhookHttpError(400, 'invalid_idempotency_key', `${header} must be 1-255 printable ASCII characters`);
  }
  return key;
}
