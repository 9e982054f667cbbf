import { ValidationError } from '../errors.ts';
import type { RateUnit } from './types.ts';

const UNIT_MS: Record<RateUnit, number> = {
  minutes: 60_000,
  hours: 3_600_000,
  // EventBridge Scheduler: "days represents a 24-hour duration on the clock", DST or not.
  days: 86_400_000,
};

const SINGULAR: Record<string, RateUnit> = { minute: 'minutes', hour: 'hours', day: 'days' };

export interface ParsedRate {
  readonly value: number;
  readonly unit: RateUnit;
  readonly intervalMs: number;
}

/**
 * Parses the inside of `rate(...)`: `value unit`, value a positive integer, the unit singular with 1
 * and plural otherwise (EventBridge rejects `rate(1 minutes)` and `rate(5 minute)`).
 */
export function parseRateBody(body: string): ParsedRate {
  const parts = body.split(/ +/);
  const [valueText = '', unitText = ''] = parts;
  if (parts.length !== 2 || valueText === '' || unitText === '') {
    throw new ValidationError('expected rate(value unit), for example rate(5 minutes)');
  }
  if (!/^\d+$/.test(valueText) || Number(valueText) === 0 || !Number.isSafeInteger(Number(valueText))) {
    throw new ValidationError(`value ${valueText} must be a positive integer`);
  }
  const value = Number(valueText);
  const singularOf = SINGULAR[unitText];
  const unit = singularOf ?? (unitText in UNIT_MS ? (unitText as RateUnit) : undefined);
  if (unit === undefined) {
    throw new ValidationError(`unit ${unitText} must be minute(s), hour(s) or day(s)`);
  }
  if (value === 1 && singularOf === undefined) {
    throw new ValidationError(`with 1 the unit is singular: rate(1 ${unit.slice(0, -1)})`);
  }
  if (value !== 1 && singularOf !== undefined) {
    throw new ValidationError(`with ${value} the unit is plural: rate(${value} ${unit})`);
  }
  return { value, unit, intervalMs: value * UNIT_MS[unit] };
}
