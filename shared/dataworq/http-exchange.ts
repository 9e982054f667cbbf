import { DataworqUnavailableError } from '../errors.ts';
import type { HttpRequestSpec } from './transport.ts';

export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

export interface ExchangeOptions {
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  /** Names the call in error messages, e.g. `getJob`. */
  readonly operation: string;
}

/**
 * Sends one request and reads the whole answer under one deadline. The caller's own abort is
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
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text };
  } catch (error) {
    if (options.signal?.aborted === true) throw options.signal.reason;
    if (timeout.aborted) {
      throw new DataworqUnavailableError(
        `${options.operation}: DataWORQ did not answer within ${options.timeoutMs} ms`,
        undefined,
        { cause: error },
      );
    }
    throw new DataworqUnavailableError(
      `${options.operation}: could not reach DataWORQ at ${hostOf(request.url)}: ${reasonOf(error)}`,
      undefined,
      { cause: error },
    );
  }
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
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
