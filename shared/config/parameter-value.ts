import type { ParameterType } from '../dataworq/types.ts';

export const PARAMETER_TYPES = ['string', 'integer', 'float'] as const satisfies readonly ParameterType[];

/**
 * Why `value` cannot be sent as a parameter of `type`, or undefined when it can. Values are never
 * coerced: a number for a string parameter is refused, because silently turning `007` into `7`
 * (which YAML does) would run the flow with the wrong value. Strings are not echoed back, since
 * they may come from an outside caller.
 */
export function parameterValueProblem(type: ParameterType, value: unknown): string | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? undefined : `must be a string (got ${describeValue(value)})`;
    case 'integer':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return undefined;
      return typeof value === 'number' && Number.isInteger(value)
        ? `must be an integer between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER} (got ${value})`
        : `must be an integer (got ${describeValue(value)})`;
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `must be a finite number (got ${describeValue(value)})`;
  }
}

/** A short description of a value for messages; numbers and booleans are shown, text is not. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return 'a string';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value === 'object' ? 'mapping' : typeof value}`;
}
