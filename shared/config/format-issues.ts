/**
 * Turns zod issues into `path: message` lines. The error map rewrites zod's generic messages
 * ("Invalid input: expected string, received number") into what a YAML author should do; schemas
 * that know better carry their own message, which takes precedence.
 */
import type { z } from 'zod';
import { describeValue } from '../dataworq/parameter-types.ts';

type RawIssue = z.core.$ZodRawIssue;

export const configErrorMap = (issue: RawIssue): string | undefined => {
  switch (issue.code) {
    case 'invalid_type':
      return invalidTypeMessage(issue.expected, issue.input);
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => String(value)).join(', ')}${gotText(issue.input)}`;
    case 'too_small':
      return sizeMessage(issue.origin, 'at least', issue.minimum, issue.inclusive);
    case 'too_big':
      return sizeMessage(issue.origin, 'at most', issue.maximum, issue.inclusive);
    default:
      return undefined;
  }
};

function invalidTypeMessage(expected: string, input: unknown): string {
  if (input === undefined) return 'is required';
  const wanted: Record<string, string> = {
    object: 'a mapping (key: value)',
    array: 'a list',
    int: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    string: 'text',
  };
  const hint = expected === 'string' && typeof input === 'number' ? '; quote the value in YAML so it stays text' : '';
  return `must be ${wanted[expected] ?? expected} (got ${describeValue(input)})${hint}`;
}

function gotText(input: unknown): string {
  return typeof input === 'string' ? ` (got '${input}')` : ` (got ${describeValue(input)})`;
}

function sizeMessage(origin: string, bound: string, limit: number | bigint, inclusive: boolean | undefined): string {
  const value = Number(limit);
  if (origin === 'string') return value === 1 && bound === 'at least' ? 'must not be empty' : `must be ${bound} ${value} characters`;
  if (origin === 'array' || origin === 'set') return `must have ${bound} ${value} entr${value === 1 ? 'y' : 'ies'}`;
  if (inclusive === false) return `must be ${bound === 'at least' ? 'greater' : 'less'} than ${value}`;
  return `must be ${bound} ${value}`;
}

/** `flows.demo-load.schedules[0].expression`; the top level is named so a line never starts with ':'. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? '(top level)' : text;
}

/** One line per problem; an issue carrying several lines (unknown keys) becomes several problems. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], parentPath: readonly PropertyKey[] = []): string[] {
  return issues.flatMap((issue) => {
    const path = [...parentPath, ...issue.path];
    // A record key failed its own schema: report the key's message at the key's path.
    if (issue.code === 'invalid_key') return formatIssues(issue.issues, path);
    return issue.message.split('\n').map((message) => `${formatPath(path)}: ${message}`);
  });
}
