import { ValidationError } from '../errors.ts';
import type { FlowParameter } from './types.ts';

const SUPPORTED_TYPES = ['string', 'integer', 'float'] as const;

/**
 * Refuses parameters DataWORQ would reject (the seed: "string, integer, and float are the only
 * supported parameter types via the API") before anything is sent, naming the parameter.
 */
export function validateParameters(params: readonly FlowParameter[]): void {
  if (!Array.isArray(params)) throw new ValidationError('parameters must be an array');
  const seen = new Set<string>();
  params.forEach((param: unknown, index) => {
    const name = parameterName(param, index);
    if (seen.has(name)) throw new ValidationError(`parameter ${name}: duplicate name; each parameter may appear once`);
    seen.add(name);
    const problem = valueProblem(param as FlowParameter);
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

function valueProblem({ type, value }: FlowParameter): string | undefined {
  switch (type as unknown) {
    case 'string':
      return typeof value === 'string' ? undefined : `string value must be a string, got ${describe(value)}`;
    case 'integer':
      return Number.isSafeInteger(value) ? undefined : `integer value must be a safe integer, got ${describe(value)}`;
    case 'float':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : `float value must be a finite number, got ${describe(value)}`;
    default:
      return `unsupported type ${JSON.stringify(String(type))}; DataWORQ accepts ${SUPPORTED_TYPES.join(', ')}`;
  }
}

/** Numbers are shown (they explain the refusal); other values only by type, as they may be private. */
function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  return `a ${typeof value}`;
}
