/**
 * When to try a delivery again: exponential backoff with jitter, for up to 24 hours. In AWS the
 * delay becomes the SQS message's visibility timeout, and the receive count is the attempt
 * number; the queue's maxReceiveCount is computed here from the shortest possible delays, so
 * the redrive to the dead-letter queue never cuts the 24 hours short.
 */

/** How long a receiver may be down before the alert goes to the dead-letter queue. */
export const RETRY_WINDOW_SECONDS = 24 * 60 * 60;
const BASE_DELAY_SECONDS = 30;
const MAX_DELAY_SECONDS = 60 * 60;
/** SQS's ceiling on a visibility timeout. */
export const SQS_MAX_VISIBILITY_SECONDS = 12 * 60 * 60;

/** The backoff before attempt `attempt + 1`, `attempt` counted from 1. */
function ceilingFor(attempt: number): number {
  return Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** Math.max(0, Math.min(attempt - 1, 20)));
}

/** "Equal jitter": half the ceiling, plus a random part of the other half, so attempts spread but never bunch at zero. */
export function backoffSeconds(attempt: number, random: () => number = Math.random): number {
  const ceiling = ceilingFor(attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** The delay after a failed attempt: the backoff, or the receiver's Retry-After when it asks for longer. */
export function retryDelaySeconds(attempt: number, retryAfterSeconds: number | undefined, random: () => number = Math.random): number {
  const backoff = backoffSeconds(attempt, random);
  const wanted = retryAfterSeconds === undefined ? backoff : Math.max(retryAfterSeconds, ceilingFor(attempt) / 2);
  return Math.min(Math.round(wanted), SQS_MAX_VISIBILITY_SECONDS);
}

/** True when the next attempt would start after the retry window of a delivery first sent at `firstSentMs`. */
export function retryWindowOver(firstSentMs: number, nowMs: number, delaySeconds: number): boolean {
  return nowMs + delaySeconds * 1000 - firstSentMs > RETRY_WINDOW_SECONDS * 1000;
}

/** The most attempts that fit in the window (every delay at its shortest), plus one for a Lambda that failed mid-batch. */
export function maxReceiveCount(): number {
  let elapsed = 0;
  let attempt = 1;
  while (elapsed < RETRY_WINDOW_SECONDS) {
    elapsed += ceilingFor(attempt) / 2;
    attempt += 1;
  }
  return attempt + 1;
}

/** Retry-After as seconds (`120`) or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
