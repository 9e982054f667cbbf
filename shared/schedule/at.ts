import { ValidationError } from '../errors.ts';
import type { LocalDateTime } from './types.ts';

const AT_BODY = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** Parses the inside of `at(...)`: `yyyy-mm-ddThh:mm:ss`, a wall-clock time in the schedule's zone. */
export function parseAtBody(body: string): LocalDateTime {
  const match = AT_BODY.exec(body);
  if (match === null) {
    throw new ValidationError('expected at(yyyy-mm-ddThh:mm:ss), for example at(2026-06-01T09:00:00)');
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as
    [number, number, number, number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 02-30 over to 03-02; a real date survives the round trip unchanged.
  const real = probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1
    && probe.getUTCDate() === day && probe.getUTCHours() === hour
    && probe.getUTCMinutes() === minute && probe.getUTCSeconds() === second;
  if (!real) throw new ValidationError(`${body} is not a real date and time`);
  return { year, month, day, hour, minute, second };
}
