import { DataworqUnavailableError, DwqError } from '../errors.ts';
import { MAX_ANSWER_BYTES, MAX_ERROR_ANSWER_BYTES } from './constants.ts';
import { LogFilter, type LogPolicy } from './log-filter.ts';
import type { HttpRequestSpec } from './transport.ts';

export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

export interface ExchangeOptions {
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Names the call in error messages, e.g. `getJob`. */
  readonly operation: string;
  /** What to do with the `log` of the JobStatus objects in a 2xx answer (job lists: drop them). */
  readonly logs?: LogPolicy;
  /** The most bytes of a 2xx answer kept in memory (after `logs`); more is DataworqOversizedAnswerError. */
  readonly maxBytes?: number;
}

/** Connection errors after which the request provably never reached DataWORQ. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME']);

/**
 * Sends one request and reads the answer as a stream under one deadline: a 2xx answer through
 * the log filter with a byte cap (DataworqOversizedAnswerError past it, never an out-of-memory
 * crash), any other answer only as far as its first bytes, which is all an error message shows. The caller's own abort is
 * rethrown as the caller's `signal.reason` (a DOMException named AbortError unless the caller gave
 * another reason), never as a DwqError, so nobody retries what the caller cancelled. Everything
 * else that keeps us from an answer (network, timeout) is DataworqUnavailableError.
 */
export async function exchange(request: HttpRequestSpec, options: ExchangeOptions): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
  try {
    const response = await options.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      signal,
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    const text = await readAnswer(response, options);
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text };
  } catch (error) {
    if (options.signal?.aborted === true) throw options.signal.reason;
    if (error instanceof DwqError) throw error;
    if (timeout.aborted) {
      throw new DataworqUnavailableError(
        `${options.operation}: DataWORQ did not answer within ${options.timeoutMs} ms`,
        undefined,
        { cause: error },
      );
    }
    const reason = reasonOf(error);
    throw new DataworqUnavailableError(`${options.operation}: could not reach DataWORQ at ${hostOf(request.url)}: ${reason}`, undefined, {
      cause: error,
      notSent: NOT_SENT_CODES.has(reason),
    });
  }
}

async function readAnswer(response: Response, options: ExchangeOptions): Promise<string> {
  const ok = response.status >= 200 && response.status < 300;
  const maxBytes = ok ? (options.maxBytes ?? MAX_ANSWER_BYTES) : MAX_ERROR_ANSWER_BYTES;
  const filter = new LogFilter(ok ? options.logs : undefined, ok ? maxBytes : Number.POSITIVE_INFINITY, options.operation);
  if (response.body === null) return '';
  const ownsChunks = isByteStream(response.body);
  const reader = response.body.getReader();
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!ok) {
        // An error page is only ever quoted by its start: keep that much and stop reading.
        filter.push(value.subarray(0, Math.max(0, maxBytes - read)));
        read += value.length;
        if (read >= maxBytes) break;
        continue;
      }
      filter.push(value);
      if (ownsChunks) release(value);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return filter.text();
}

/** A byte stream (fetch's bodies are) transfers each chunk's buffer to the reader: nobody else holds it. */
function isByteStream(body: ReadableStream<Uint8Array>): boolean {
  try {
    body.getReader({ mode: 'byob' }).releaseLock();
    return true;
  } catch {
    return false;
  }
}

/**
 * Frees a chunk's memory now rather than at V8's next full collection: a 300 MB answer arrives as
 * thousands of 64 KB buffers the filter has finished with (it keeps copies of what it keeps), and
 * V8 lets about 64 MB of such garbage pile up before it collects (docs/bench.md, P5).
 */
function release(chunk: Uint8Array): void {
  const { buffer } = chunk;
  if (buffer instanceof ArrayBuffer && !buffer.detached && chunk.byteOffset === 0 && chunk.byteLength === buffer.byteLength) buffer.transfer(0);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}

/** fetch says only "fetch failed"; the useful part (ECONNREFUSED, ENOTFOUND) is in its cause. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown; errors?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  // Happy Eyeballs tries every address and reports an AggregateError of the attempts.
  const first = Array.isArray(cause?.errors) ? (cause.errors[0] as { code?: unknown } | undefined) : undefined;
  if (typeof first?.code === 'string') return first.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
