import { DataworqNotFoundError, DataworqRejectedError, DataworqUnavailableError } from '../errors.ts';
import type { DwqError } from '../errors.ts';
import { MAX_ERROR_BODY_CHARS } from './constants.ts';
import type { HttpAnswer } from './http-exchange.ts';

/** What an error message may say about the call, and what it must never say. */
export interface AnswerContext {
  readonly operation: string;
  /** Values to blank out of any text DataWORQ or a gateway sends back (the keys). */
  readonly secrets: readonly string[];
}

/**
 * Classifies an answer that is not a usable 2xx. 400 is DataWORQ's "Bad Request or Server error"
 * (other 4xx are treated alike); 429, 5xx and any HTML page (a gateway, not DataWORQ) are worth
 * retrying. Returns undefined for a 2xx that carries data.
 */
export function errorForAnswer(answer: HttpAnswer, context: AnswerContext): DwqError | undefined {
  const { status } = answer;
  const { operation } = context;
  if (status === 404) return new DataworqNotFoundError(`${operation}: DataWORQ answered 404 (not found)`);
  if (isHtml(answer)) return new DataworqUnavailableError(`${operation}: gateway answered HTML (HTTP ${status})`, status);
  if (status >= 200 && status < 300) return undefined;
  const body = safeBody(answer.text, context.secrets);
  const said = body === '' ? '' : `: ${body}`;
  if (status === 429 || status >= 500) {
    return new DataworqUnavailableError(`${operation}: DataWORQ unavailable (HTTP ${status})${said}`, status);
  }
  return new DataworqRejectedError(`${operation}: DataWORQ rejected the request (HTTP ${status})${said}`, status, body);
}

function isHtml({ contentType, text }: HttpAnswer): boolean {
  if (/\btext\/html\b/i.test(contentType)) return true;
  return /^\s*<(!doctype\s+html|html)\b/i.test(text.slice(0, 200));
}

/** The body, trimmed to a readable size, with every key value blanked out. */
export function safeBody(text: string, secrets: readonly string[]): string {
  let body = text.trim();
  for (const secret of secrets) {
    if (secret !== '') body = body.split(secret).join('***');
  }
  return body.length > MAX_ERROR_BODY_CHARS ? `${body.slice(0, MAX_ERROR_BODY_CHARS)}…` : body;
}
