/**
 * The POST body: `{ parameters?, runProfileName?, notificationEnabled?, logicalTime? }` and nothing else.
 * Outside input, so it is checked before anything reads it: no prototype keys, no nesting beyond
 * `parameters`, no control characters, bounded names. This is the one check of runProfileName and
 * notificationEnabled: what it returns is typed, and the layers behind trust it. Parameter values
 * are typed against the flow's declared types by resolveRunFlow (the DataWORQ rules of
 * dataworq/parameter-types.ts); here they only have to be plain values. JSON.parse makes
 * `__proto__` an own key, so a plain-object check plus the key list is enough.
 */
import { isRecord } from '../guards.ts';
import { LOGICAL_TIME_EXAMPLE, logicalTimeTextProblem } from '../periods/logical-time.ts';
import { WebhookHttpError } from './http-error.ts';

export interface WebhookRunRequest {
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly runProfileName?: string;
  readonly notificationEnabled?: boolean;
  /** The time the run is for (ISO 8601), when the flow allows the caller to choose it. */
  readonly logicalTime?: string;
}

const TOP_LEVEL_KEYS = new Set(['parameters', 'runProfileName', 'notificationEnabled', 'logicalTime']);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_NAME_LENGTH = 128;
// C0 controls except tab, DEL, and C1 controls.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/;

export function parseRunRequestBody(rawBody: string): WebhookRunRequest {
  if (rawBody.trim() === '') return {};
  const body = parseJson(rawBody);
  if (!isRecord(body)) throw badRequest('invalid_body', 'the body must be a JSON object');
  for (const key of Object.keys(body)) {
    checkKey(key, 'field');
    if (!TOP_LEVEL_KEYS.has(key)) {
      throw badRequest('unknown_field', `unknown field "${key}" (allowed: ${[...TOP_LEVEL_KEYS].join(', ')})`);
    }
  }
  return {
    ...(body.parameters !== undefined && { parameters: parseParameters(body.parameters) }),
    ...(body.runProfileName !== undefined && { runProfileName: parseRunProfileName(body.runProfileName) }),
    ...(body.notificationEnabled !== undefined && { notificationEnabled: parseFlag(body.notificationEnabled) }),
    ...(body.logicalTime !== undefined && { logicalTime: parseLogicalTime(body.logicalTime) }),
  };
}

function parseJson(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    throw badRequest('malformed_json', 'the body is not valid JSON');
  }
}

function parseParameters(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) throw badRequest('invalid_body', 'parameters must be an object of NAME: value');
  for (const [name, parameter] of Object.entries(value)) {
    checkKey(name, 'parameter name');
    if (typeof parameter === 'object' && parameter !== null) {
      throw badRequest('invalid_parameter', `parameter ${name}: must be a string or a number, not ${Array.isArray(parameter) ? 'a list' : 'an object'}`);
    }
    if (typeof parameter === 'string' && CONTROL_CHARACTERS.test(parameter)) {
      throw badRequest('invalid_parameter', `parameter ${name}: control characters are not allowed (tab is)`);
    }
  }
  return value;
}

function parseRunProfileName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw badRequest('invalid_body', 'runProfileName must be a non-empty string');
  if (value.length > MAX_NAME_LENGTH) throw badRequest('invalid_body', `runProfileName is longer than ${MAX_NAME_LENGTH} characters`);
  if (CONTROL_CHARACTERS.test(value) || value.includes('\t')) {
    throw badRequest('invalid_body', 'runProfileName must not contain control characters');
  }
  return value;
}

function parseLogicalTime(value: unknown): string {
  const problem = typeof value === 'string' ? logicalTimeTextProblem(value) : `must be an ISO 8601 date or time, such as ${LOGICAL_TIME_EXAMPLE}`;
  if (problem !== undefined) throw badRequest('invalid_body', `logicalTime ${problem}`);
  return value as string;
}

function parseFlag(value: unknown): boolean {
  if (typeof value !== 'boolean') throw badRequest('invalid_body', 'notificationEnabled must be true or false');
  return value;
}

function checkKey(key: string, what: string): void {
  if (FORBIDDEN_KEYS.has(key)) throw badRequest('invalid_body', `${what} "${key}" is not allowed`);
  if (key.length > MAX_NAME_LENGTH) throw badRequest('invalid_body', `a ${what} is longer than ${MAX_NAME_LENGTH} characters`);
  if (key === '' || CONTROL_CHARACTERS.test(key) || key.includes('\t')) {
    throw badRequest('invalid_body', `a ${what} is empty or contains control characters`);
  }
}

function badRequest(code: string, message: string): WebhookHttpError {
  return new WebhookHttpError(400, code, message);
}
