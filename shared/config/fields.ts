/**
 * The small building blocks of the config schema. Each carries its own message, written as the
 * fix a user should make, because the path alone rarely says what is wrong.
 */
import * as z from 'zod';
import { isValidTimeZone, parseScheduleExpression, validateScheduleExpression } from '../schedule/expression.ts';
import { cronNeverFires } from '../schedule/never-fires.ts';
import { closestMatch } from './suggest.ts';
import { DURATION_PATTERN, parseDuration } from './duration.ts';

export const NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const PARAMETER_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/;
const SECRET_PATTERN =
  /^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+|[A-Za-z0-9/_+=.@-]{1,512})$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An object that refuses unknown keys and suggests the key the user probably meant. */
export function strictObject<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      // One line per key; formatIssues splits them so each unknown key is its own issue.
      return issue.keys.map((key) => unknownKeyMessage(key, known)).join('\n');
    },
  });
}

function unknownKeyMessage(key: string, known: readonly string[]): string {
  const suggestion = closestMatch(key, known);
  if (suggestion !== undefined) return `unknown key '${key}'; did you mean '${suggestion}'?`;
  return `unknown key '${key}' (allowed: ${known.join(', ')})`;
}

/** Flow, schedule and subscriber names: they become resource names and ids, so they are kept plain. */
export function nameSchema(what: string) {
  return z.string().regex(NAME_PATTERN, {
    error: (issue) =>
      `${what} '${String(issue.input)}' must be 1-40 lowercase letters, digits or hyphens, starting with a letter or digit`,
  });
}

/** A list whose items' `name` must be unique: a refinement naming the duplicate and its first place. */
export function uniqueNames(what: string, list: string) {
  return (items: readonly { readonly name: string }[], ctx: z.RefinementCtx) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const first = seen.get(item.name);
      if (first === undefined) seen.set(item.name, index);
      else ctx.addIssue({ code: 'custom', message: `duplicate ${what} name '${item.name}' (also ${list}[${first}])`, path: [index, 'name'] });
    });
  };
}

export const parameterNameSchema = z.string().regex(PARAMETER_NAME_PATTERN, {
  error: (issue) =>
    `parameter name '${String(issue.input)}' must start with a letter or _ and contain only letters, digits, _ . - (at most 100)`,
});

export const timeZoneSchema = z
  .string()
  .refine(isValidTimeZone, { error: (issue) => `unknown time zone '${String(issue.input)}'; use an IANA name such as Europe/London or UTC` })
  .meta({ description: 'An IANA time zone, e.g. Europe/London, America/New_York, UTC.' });

export const scheduleExpressionSchema = z
  .string()
  .superRefine((text, ctx) => {
    const problem = validateScheduleExpression(text);
    // The path already names the expression; repeating it makes the line harder to read.
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: stripPrefix(problem, `${text}: `), input: text });
    else if (neverFires(text)) {
      ctx.addIssue({ code: 'custom', message: 'never fires: no calendar date matches its day-of-month and month fields (31 February, say); fix one of them', input: text });
    }
  })
  .meta({ description: 'An EventBridge Scheduler expression: cron(min hour day-of-month month day-of-week year), rate(15 minutes) or at(2026-01-01T02:00:00).' });

export const dateTimeSchema = z
  .iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a zone, e.g. 2026-01-01T00:00:00Z' })
  .transform((text) => new Date(text).toISOString());

export const flowIdSchema = z.guid({
  error: (issue) =>
    issue.input === undefined
      ? 'is missing: add the flow id DataWORQ shows, a UUID such as 2932ca30-8871-48b1-8e9b-90b744020b68'
      : 'must be a UUID such as 2932ca30-8871-48b1-8e9b-90b744020b68 (the flow id DataWORQ shows)',
});



export const secretReferenceSchema = z.string().regex(SECRET_PATTERN, {
  error: 'must be a Secrets Manager secret name (letters, digits and / _ + = . @ -) or a secret ARN',
});

/** https only, so the keys never cross the network in clear; plain http is allowed for a local emulator. */
export const connectorUrlSchema = z
  .string()
  .superRefine((text, ctx) => {
    const problem = connectorUrlProblem(text);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, input: text });
  })
  .transform((text) => text.replace(/\/+$/, ''))
  .meta({ description: 'https URL of the Cloud Connector or of the DataWORQ server (http only for localhost).' });

function connectorUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute https URL such as https://api.quebit.com';
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) return 'must use https (http is allowed only for localhost)';
  if (url.username !== '' || url.password !== '') return 'must not contain credentials; the keys live in the connector secret';
  if (url.search !== '' || url.hash !== '') return 'must not contain a query or fragment';
  return undefined;
}

/** A duration written as "45s", "90m", "12h", "2d" or a number of seconds; parsed to seconds. */
export function durationSchema(minSeconds: number, maxSeconds: number) {
  const range = `between ${formatDuration(minSeconds)} and ${formatDuration(maxSeconds)}`;
  const format = `must be a duration such as "45s", "90m", "12h" or "2d", or a whole number of seconds, ${range}`;
  return z
    .union([z.string().regex(DURATION_PATTERN, { error: format }), z.int({ error: format }).positive({ error: format })], { error: format })
    .transform((value, ctx) => {
      const seconds = typeof value === 'number' ? value : parseDuration(value);
      if (seconds >= minSeconds && seconds <= maxSeconds) return seconds;
      ctx.addIssue({ code: 'custom', message: `must be ${range} (got ${typeof value === 'number' ? `${value} seconds` : value})`, input: value });
      return z.NEVER;
    });
}

function neverFires(text: string): boolean {
  const parsed = parseScheduleExpression(text);
  return parsed.kind === 'cron' && cronNeverFires(parsed);
}

function stripPrefix(text: string, prefix: string): string {
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

function formatDuration(seconds: number): string {
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60]] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
