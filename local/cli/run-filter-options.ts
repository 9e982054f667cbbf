/** Parsers for `dwq runs` filters: a bad value is a usage error naming the option (commander adds it). */
import { InvalidArgumentError } from '@commander-js/extra-typings';
import { durationSchema } from '../../shared/config/fields.ts';
import { RUN_LEDGER } from '../../shared/ledger/constants.ts';
import { OUTCOMES, type Outcome } from '../../shared/model.ts';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const backFromNow = durationSchema(1, 3650 * 86_400);

export function outcomeOption(text: string): Outcome {
  if ((OUTCOMES as readonly string[]).includes(text)) return text as Outcome;
  throw new InvalidArgumentError(`must be one of ${OUTCOMES.join(', ')}.`);
}

export function limitOption(text: string): number {
  const limit = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (limit >= 1 && limit <= RUN_LEDGER.maxListLimit) return limit;
  throw new InvalidArgumentError(`must be a whole number from 1 to ${RUN_LEDGER.maxListLimit}.`);
}

/** An ISO 8601 time with a zone, or a duration ("24h", "7d"): back from now for --since, ahead for --until. */
export function timeOption(direction: -1 | 1): (text: string) => Date {
  return (text) => {
    if (ISO_TIME.test(text) && !Number.isNaN(Date.parse(text))) return new Date(text);
    const duration = backFromNow.safeParse(text);
    if (duration.success) return new Date(Date.now() + direction * duration.data * 1000);
    throw new InvalidArgumentError('must be an ISO 8601 time with a zone (2026-03-01T00:00:00Z) or a duration (90m, 24h, 7d).');
  };
}
