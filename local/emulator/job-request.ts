/**
 * The execute body, checked the way the API reference describes it (JobRequest):
 * `{ flowId, runProfileName, notificationEnabled, parameters: [{ name, type, value }] }`, where
 * "string, integer, and float are the only supported parameter types via the API".
 *
 * Written from the reference, apart from the client's own checks (shared/dataworq/parameter-types.ts)
 * on purpose: a stand-in that ran the client's code would agree with the client's bugs, and tests
 * against it could never catch one. Absent fields get the reference example's values.
 */
import type { FlowParameter } from '../../shared/dataworq/types.ts';

export interface JobRequest {
  readonly flowId: string;
  readonly runProfileName: string;
  readonly notificationEnabled: boolean;
  readonly parameters: readonly FlowParameter[];
}

const TYPE_CHECKS: Readonly<Record<string, (value: unknown) => boolean>> = {
  string: (value) => typeof value === 'string',
  // DataWORQ runs on the JVM; a JSON number past 2^53 has already lost digits on our side.
  integer: (value) => typeof value === 'number' && Number.isSafeInteger(value),
  float: (value) => typeof value === 'number' && Number.isFinite(value),
};

/** The request, or the reason DataWORQ would answer 400 (the text after "Bad Request: "). */
export function parseJobRequest(body: string): JobRequest | string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return 'body is not JSON';
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'body must be a JobRequest object';
  const { flowId, runProfileName = 'default', notificationEnabled = false, parameters = [] } = json as Record<string, unknown>;
  if (typeof flowId !== 'string' || flowId === '') return 'flowId is required';
  if (typeof runProfileName !== 'string') return 'runProfileName must be a string';
  if (typeof notificationEnabled !== 'boolean') return 'notificationEnabled must be a boolean';
  if (!Array.isArray(parameters)) return 'parameters must be an array';
  const refusal = parameterListRefusal(parameters);
  if (refusal !== undefined) return refusal;
  return { flowId, runProfileName, notificationEnabled, parameters: parameters as FlowParameter[] };
}

function parameterListRefusal(parameters: readonly unknown[]): string | undefined {
  const names = new Set<string>();
  for (const [index, parameter] of parameters.entries()) {
    if (typeof parameter !== 'object' || parameter === null || Array.isArray(parameter)) return `parameters[${index}] must be { name, type, value }`;
    const { name, type, value } = parameter as Record<string, unknown>;
    if (typeof name !== 'string' || name.trim() === '') return `parameters[${index}].name must be a non-empty string`;
    if (names.has(name)) return `parameter ${name} is given more than once`;
    names.add(name);
    const check = typeof type === 'string' && Object.hasOwn(TYPE_CHECKS, type) ? TYPE_CHECKS[type] : undefined;
    if (check === undefined) return `parameter ${name}: type must be string, integer or float`;
    if (!check(value)) return `parameter ${name}: value is not a valid ${String(type)}`;
  }
  return undefined;
}
