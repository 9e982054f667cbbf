/**
 * Runtime shapes of DataWORQ's answers, as the seed shows them: nulls while a job runs, epoch-ms
 * times, unknown extra fields kept, unknown status strings kept verbatim.
 *
 * Zod Mini, not classic Zod: these schemas ship in every run-engine Lambda, and Mini's functional
 * API tree-shakes to a few KB where classic Zod adds about 90 KB to each bundle (docs/bench.md).
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';

// Mini ships without messages; the English ones keep malformed-answer errors readable.
z.config(en());

const nonEmptyString = () => z.string().check(z.minLength(1));
const nullableString = z.nullish(z.string());
const nullableEpochMs = z.nullish(z.number());

export const jobStatusSchema = z.looseObject({
  id: nonEmptyString(),
  jobType: nullableString,
  flowName: nullableString,
  runProfileName: nullableString,
  jobName: nullableString,
  startTime: nullableEpochMs,
  endTime: nullableEpochMs,
  executionStatus: nonEmptyString(),
  log: nullableString,
  executionPerformanceReport: z.optional(z.unknown()),
  error: nullableString,
  currentStepId: nullableString,
  currentStepDescription: nullableString,
  currentStepStartTime: nullableEpochMs,
  currentStepStatus: nullableString,
  runProfile: nullableString,
  runtimeFormatted: nullableString,
  startTimeFormatted: nullableString,
  endTimeFormatted: nullableString,
  currentStepElapsedTime: nullableString,
});

export const jobListSchema = z.array(jobStatusSchema);

/** The seed's JobExecutionResponse. */
export const jobExecutionResponseSchema = z.looseObject({ jobId: nonEmptyString() });

/** One of the three answer forms of `filter=executionStatus`: the object one. */
export const executionStatusObjectSchema = z.looseObject({ executionStatus: nonEmptyString() });
