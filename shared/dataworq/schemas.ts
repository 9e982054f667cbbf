/**
 * Runtime shapes of DataWORQ's answers, as the seed shows them: nulls while a job runs, epoch-ms
 * times, unknown extra fields kept, unknown status strings kept verbatim.
 */
import { z } from 'zod';

const nullableString = z.string().nullish();
const nullableEpochMs = z.number().nullish();

export const jobStatusSchema = z.looseObject({
  id: z.string().min(1),
  jobType: nullableString,
  flowName: nullableString,
  runProfileName: nullableString,
  jobName: nullableString,
  startTime: nullableEpochMs,
  endTime: nullableEpochMs,
  executionStatus: z.string().min(1),
  log: nullableString,
  executionPerformanceReport: z.unknown().optional(),
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
export const jobExecutionResponseSchema = z.looseObject({ jobId: z.string().min(1) });

/** One of the three answer forms of `filter=executionStatus`: the object one. */
export const executionStatusObjectSchema = z.looseObject({ executionStatus: z.string().min(1) });
