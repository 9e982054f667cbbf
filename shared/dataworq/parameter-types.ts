/**
 * DataWORQ's parameter types and their rules, in one place. The seed: "string, integer, and float
 * are the only supported parameter types via the API". Config, webhook requests and `dwq run -p`
 * are checked with these rules at the edge; the client runs the same check on what it sends.
 */
import { ValidationError } from '../errors.ts';

export const PARAMETER_TYPES = ['string', 'integer', 'float'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];
export type ParameterValue = string | number;

/** One typed flow parameter exactly as the execute body carries it. */
export interface FlowParameter {
  readonly name: string;
  readonly type: ParameterType;
  readonly value: ParameterValue;
}

export function isParameterType(value: unknown): value is ParameterType {
  return (PARAMETER_TYPES as readonly unknown[]).includes(value);
}

/** What is wrong with a value for a type; the rule each message below renders. */
type ValueFault = 'not-a-string' | 'not-an-integer' | 'unsafe-integer' | 'not-finite';

function valueFault(type: ParameterType, value: unknown): ValueFault | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? undefined : 'not-a-string';
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'not-an-integer';
      return Number.isSafeInteger(value) ? undefined : 'unsafe-integer';
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'not-finite';
  }
}

/**
 * Why `value` cannot be sent as a parameter of `type`, or undefined when it can, in the words of
 * the config and of a caller's request. Values are never coerced: a number for a string parameter
 * is refused, because silently turning `007` into `7` (which YAML does) would run the flow with the
 * wrong value. Strings are not echoed back, since they may come from an outside caller.
 */
export function parameterValueProblem(type: ParameterType, value: unknown): string | undefined {
  switch (valueFault(type, value)) {
    case undefined:
      return undefined;
    case 'not-a-string':
      return `must be a string (got ${describeValue(value)})`;
    case 'not-an-integer':
      return `must be an integer (got ${describeValue(value)})`;
    case 'unsafe-integer':
      return `must be an integer between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER} (got ${String(value)})`;
    case 'not-finite':
      return `must be a finite number (got ${describeValue(value)})`;
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

/**
 * A command-line text (`-p ROWS=500`) as the declared type wants it: whole digits become an
 * integer, a finite number a float. Anything else stays text, so that parameterValueProblem
 * refuses it with its usual message.
 */
export function parameterFromText(type: ParameterType | undefined, text: string): ParameterValue {
  // A number-like text for integer becomes that number, so `1.5` is refused as "the number 1.5".
  const numeric = (type === 'integer' || type === 'float') && text.trim() !== '' && Number.isFinite(Number(text));
  return numeric ? Number(text) : text;
}

/**
 * Refuses an execute body's parameter list that DataWORQ would reject, naming the parameter,
 * before anything is sent: the last line of defence for values built in code, not at an edge.
 */
export function validateParameters(params: readonly FlowParameter[]): void {
  if (!Array.isArray(params)) throw new ValidationError('parameters must be an array');
  const seen = new Set<string>();
  params.forEach((param: unknown, index) => {
    const name = parameterName(param, index);
    if (seen.has(name)) throw new ValidationError(`parameter ${name}: duplicate name; each parameter may appear once`);
    seen.add(name);
    const problem = listedValueProblem(param as FlowParameter);
    if (problem !== undefined) throw new ValidationError(`parameter ${name}: ${problem}`);
  });
}

function parameterName(param: unknown, index: number): string {
  if (typeof param !== 'object' || param === null) {
    throw new ValidationError(`parameters[${index}]: must be an object { name, type, value }`);
  }
  const { name } = param as { name?: unknown };
  if (typeof name !== 'string' || name.trim() === '') {
    throw new ValidationError(`parameters[${index}]: name must be a non-empty string`);
  }
  return name;
}

function listedValueProblem({ type, value }: FlowParameter): string | undefined {
  if (!isParameterType(type)) return `unsupported type ${JSON.stringify(String(type))}; DataWORQ accepts ${PARAMETER_TYPES.join(', ')}`;
  const shown = typeof value === 'number' ? String(value) : value === null ? 'null' : `a ${typeof value}`;
  switch (valueFault(type, value)) {
    case undefined:
      return undefined;
    case 'not-a-string':
      return `string value must be a string, got ${shown}`;
    case 'not-an-integer':
    case 'unsafe-integer':
      return `integer value must be a safe integer, got ${shown}`;
    case 'not-finite':
      return `float value must be a finite number, got ${shown}`;
  }
}
