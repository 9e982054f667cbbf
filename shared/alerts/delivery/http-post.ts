/**
 * One delivery attempt: a JSON POST with a timeout, a cap on how much of the answer is read, and
 * redirects followed only within the same origin (a receiver may move a path, never send our
 * signed body and headers to another host). The outcome is classified for the retry policy:
 * 2xx delivered; 5xx, 429, timeouts and network errors worth retrying; anything else rejected.
 */
import { parseRetryAfter } from './retry-policy.ts';

export const DELIVERY_TIMEOUT_MS = 10_000;
/** We never need a receiver's answer; this much is read for a log line, the rest discarded. */
export const RESPONSE_MAX_BYTES = 64 * 1024;
const MAX_REDIRECTS = 3;

export type DeliveryResult =
  | { readonly kind: 'delivered'; readonly status: number }
  | { readonly kind: 'retry'; readonly reason: string; readonly status?: number; readonly retryAfterSeconds?: number }
  | { readonly kind: 'rejected'; readonly reason: string; readonly status?: number };

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface PostOptions {
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  /** Default: the global fetch. */
  readonly fetch?: Fetch;
  readonly now?: () => Date;
}

export async function postJson(url: string, body: string, headers: Readonly<Record<string, string>>, options: PostOptions = {}): Promise<DeliveryResult> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  let target = new URL(url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let response: Response;
    try {
      response = await doFetch(target.href, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'dataworq-runner', ...headers },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return { kind: 'retry', reason: timedOut ? `no answer within ${timeoutMs} ms` : `could not connect (${networkReason(error)})` };
    }
    await drain(response, options.maxResponseBytes ?? RESPONSE_MAX_BYTES);
    const next = redirectTarget(response, target);
    if (next === undefined) return classify(response, options.now?.() ?? new Date());
    if (next.origin !== target.origin) {
      return { kind: 'rejected', status: response.status, reason: `answered ${response.status}, a redirect to another host (${next.host}), which is not followed` };
    }
    target = next;
  }
  return { kind: 'rejected', reason: `more than ${MAX_REDIRECTS} redirects` };
}

function classify(response: Response, now: Date): DeliveryResult {
  const { status } = response;
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status >= 500 || status === 429 || status === 408) {
    const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'), now);
    return { kind: 'retry', status, reason: `answered ${status}`, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
  }
  return { kind: 'rejected', status, reason: `answered ${status}, which a retry would not change` };
}

function redirectTarget(response: Response, current: URL): URL | undefined {
  if (![301, 302, 303, 307, 308].includes(response.status)) return undefined;
  const location = response.headers.get('location');
  if (!location) return undefined;
  try {
    return new URL(location, current);
  } catch {
    return undefined;
  }
}

/** Reads at most `max` bytes of the answer, then lets the connection go. */
async function drain(response: Response, max: number): Promise<void> {
  const reader = response.body?.getReader();
  if (!reader) return;
  let read = 0;
  try {
    while (read < max) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // A receiver that breaks off its answer has still answered with its status.
  }
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.name : 'error';
}
