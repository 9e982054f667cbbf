import * as z from 'zod/mini';
import { DataworqMalformedResponseError } from '../errors.ts';
import { safeBody } from './answer-errors.ts';
import type { AnswerContext } from './answer-errors.ts';
import { executionStatusObjectSchema } from './schemas.ts';
import type { ExecutionStatus } from './types.ts';

// A bare status word: letters, digits and underscores, as DataWORQ's statuses are.
const BARE_STATUS = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Parses a JSON answer against its schema; anything else is DataworqMalformedResponseError. */
export function parseJsonAnswer<T extends z.ZodMiniType>(text: string, schema: T, context: AnswerContext, shape: string): z.output<T> {
  const json = parseJson(text, context);
  const result = z.safeParse(schema, json);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new DataworqMalformedResponseError(`${context.operation}: answer is not a ${shape}: ${issues}`, { cause: result.error });
  }
  return result.data;
}

/**
 * `filter=executionStatus` "limits the response to just that field's value", in a form the seed
 * leaves open: `{ "executionStatus": "RUNNING" }`, `"RUNNING"` or bare `RUNNING` are all accepted.
 */
export function parseExecutionStatusAnswer(text: string, context: AnswerContext): ExecutionStatus {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    return parseJsonAnswer(trimmed, executionStatusObjectSchema, context, 'status object').executionStatus;
  }
  if (trimmed.startsWith('"')) {
    const value: unknown = parseJson(trimmed, context);
    if (typeof value === 'string' && BARE_STATUS.test(value.trim())) return value.trim();
  } else if (BARE_STATUS.test(trimmed)) {
    return trimmed;
  }
  throw new DataworqMalformedResponseError(`${context.operation}: answer is not an execution status (${describeText(trimmed, context)})`);
}

function parseJson(text: string, context: AnswerContext): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataworqMalformedResponseError(`${context.operation}: answer is not valid JSON (${describeText(text, context)})`, {
      cause: error,
    });
  }
}

/** Enough to recognise the answer in a log without copying a large or private body. */
function describeText(text: string, context: AnswerContext): string {
  if (text.trim() === '') return 'empty body';
  return `${text.length} characters starting ${JSON.stringify(safeBody(text, context.secrets).slice(0, 40))}`;
}
