import type { JobSummary } from '../model.ts';
import { LOG_DROPPED_BYTES_FIELD } from './log-filter.ts';
import { maskJobSummary, type ParameterMask } from './mask-parameters.ts';
import type { JobStatus } from './types.ts';

export const DEFAULT_MAX_LOG_BYTES = 4096;
// Text fields other than the log are normally short; these bounds keep a summary small whatever
// DataWORQ sends, so it always fits a state payload.
const MAX_ERROR_CHARS = 1024;
const MAX_FIELD_CHARS = 200;

/**
 * A JobStatus trimmed for the state machine: ISO times, the current step, the error and only the
 * tail of the log (`\r\n` → `\n`, cut on a UTF-8 character boundary), whatever the log's size.
 * Masked before it leaves: the Parameter Set rows of sensitive-named (and `mask`'s) parameters,
 * and `mask`'s values (mask-parameters.ts).
 */
export function summarizeJob(job: JobStatus, maxLogBytes: number = DEFAULT_MAX_LOG_BYTES, mask: ParameterMask = {}): JobSummary {
  const tail = typeof job.log === 'string' ? logTail(job.log, Math.max(0, Math.floor(maxLogBytes))) : undefined;
  // getJob keeps only the log's end and says how much it left out (log-filter.ts).
  const leftOut = typeof job[LOG_DROPPED_BYTES_FIELD] === 'number' ? job[LOG_DROPPED_BYTES_FIELD] : 0;
  return maskJobSummary({
    jobId: job.id,
    executionStatus: job.executionStatus,
    flowName: clip(job.flowName, MAX_FIELD_CHARS),
    runProfileName: clip(job.runProfileName, MAX_FIELD_CHARS),
    startTime: isoTime(job.startTime),
    endTime: isoTime(job.endTime),
    runtime: clip(job.runtimeFormatted, MAX_FIELD_CHARS),
    currentStep: clip(job.currentStepDescription || job.currentStepId, MAX_FIELD_CHARS),
    currentStepStatus: clip(job.currentStepStatus, MAX_FIELD_CHARS),
    error: clip(job.error, MAX_ERROR_CHARS),
    logTail: tail?.text,
    logTruncatedBytes: tail === undefined ? undefined : tail.droppedBytes + leftOut,
  }, mask);
}

function isoTime(epochMs: number | null | undefined): string | undefined {
  if (typeof epochMs !== 'number' || !Number.isFinite(epochMs)) return undefined;
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Empty strings (DataWORQ's "not yet") become undefined; long ones are cut with an ellipsis. */
function clip(value: string | null | undefined, maxChars: number): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return value.length > maxChars ? `${value.slice(0, maxChars)}…` : value;
}

function logTail(log: string, maxBytes: number): { text: string; droppedBytes: number } {
  const totalBytes = Buffer.byteLength(log, 'utf8') - countCrLf(log);
  // Every UTF-16 unit is at least one UTF-8 byte and `\r\n` shrinks by at most half, so twice
  // maxBytes units always hold the last maxBytes bytes: only that slice is ever encoded.
  const window = log.slice(-2 * (maxBytes + 1)).replaceAll('\r\n', '\n');
  const bytes = Buffer.from(window, 'utf8');
  let start = Math.max(0, bytes.length - maxBytes);
  while (start < bytes.length && isContinuationByte(bytes[start])) start += 1;
  const text = bytes.subarray(start).toString('utf8');
  return { text, droppedBytes: totalBytes - (bytes.length - start) };
}

function countCrLf(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\r\n'); at !== -1; at = text.indexOf('\r\n', at + 2)) count += 1;
  return count;
}

function isContinuationByte(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0b1100_0000) === 0b1000_0000;
}
