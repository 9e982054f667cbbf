import { maskJobSummary, maskText, type ParameterMask } from '../dataworq/mask-parameters.ts';
import type { RunState } from '../model.ts';

/** The run with its job summary and message masked (mask-parameters.ts), as Check hands it on. */
export function maskedRun(run: RunState, mask: ParameterMask): RunState {
  return {
    ...run,
    ...(run.job !== undefined ? { job: maskJobSummary(run.job, mask, { cutTail: false }) } : {}),
    ...(run.message !== undefined ? { message: maskText(run.message, mask) } : {}),
  };
}
