/**
 * A re-run, planned from the original's record: the same flow, parameters, run profile and
 * notification setting. Shared by POST /runs/{runId}/rerun and `dwq rerun`, so both repeat a run
 * the same way. Sensitive-named parameters are masked in the record, so a re-run takes those
 * from the config's defaults again (the secret never enters the ledger).
 */
import { resolveRunFlow } from '../config/resolve.ts';
import type { DwqConfig } from '../config/schema.ts';
import { RunInProgressError } from '../errors.ts';
import type { RunRecord } from '../ledger/run-record.ts';
import type { RunFlow, RunInput } from '../model.ts';
import { runNameFor } from '../run/run-name.ts';

export interface RerunPlan {
  /** The new run's id: the same (original, key) always gives the same id. */
  readonly runId: string;
  readonly input: RunInput;
}

export interface RerunRequest {
  /** Idempotency key: one key re-runs one original once. */
  readonly key: string;
  /** Re-run even while the original is still running. */
  readonly force: boolean;
  readonly now: Date;
}

/**
 * Throws RunInProgressError while the original runs (unless forced), and ValidationError when
 * the config no longer accepts the recorded values (the flow or a parameter changed).
 */
export function planRerun(config: DwqConfig, original: RunRecord, request: RerunRequest): RerunPlan {
  if (original.state === 'RUNNING' && !request.force) {
    throw new RunInProgressError(`run ${original.runId} is still running (${original.executionStatus ?? 'submitted'}); wait for it to end, or re-run it anyway`);
  }
  // Namespaced by the original run: one key re-runs each original once.
  const runId = runNameFor(original.flow, 'rerun', `${original.runId}\n${request.key}`);
  return { runId, input: { flow: rerunFlow(config, original), trigger: { kind: 'rerun', id: original.runId, time: request.now.toISOString() } } };
}

/** The original's recorded parameters and run profile; masked ones come from the config again. */
export function rerunFlow(config: DwqConfig, original: RunRecord): RunFlow {
  const parameters = Object.fromEntries(original.parameters.filter((parameter) => !parameter.masked).map((parameter) => [parameter.name, parameter.value]));
  return resolveRunFlow(config, original.flow, {
    parameters,
    runProfileName: original.runProfileName || undefined,
    notificationEnabled: original.notificationEnabled,
  });
}
