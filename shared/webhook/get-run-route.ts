/**
 * GET /runs/{runId}: the run id names its flow, whose credentials authenticate the caller. With a
 * run ledger the answer comes from the run's record (status and step as of the last Check), in
 * the same shape as before (docs/webhook.md: `state` is the execution's) plus the whole record
 * under `record`. A run the ledger has no record of (or a deployment without one) is described
 * by the launcher, as is an ended run whose alert is not recorded (Notify retrying, or failed).
 */
import { DwqError } from '../errors.ts';
import type { RunRecord } from '../ledger/run-record.ts';
import type { RunReport } from '../model.ts';
import { WebhookHttpError } from './http-error.ts';
import { jsonResponse, type HttpRequest, type HttpResponse } from './http.ts';
import { authenticateForRun, recordOf, unknownRun } from './run-access.ts';
import type { WebhookDeps } from './webhook-deps.ts';
import { silentLogger } from './webhook-logger.ts';

export async function getRunRoute(request: HttpRequest, runId: string, deps: WebhookDeps): Promise<HttpResponse> {
  const { flow } = await authenticateForRun(request, runId, deps);
  const record = deps.ledger ? await recordOf(deps.ledger, runId, flow.name, deps) : undefined;
  const state = record === undefined ? undefined : executionStateOf(record);
  if (record && state) return jsonResponse(200, { ...reportOf(record, state), record });

  const report = await describeOrExplain(runId, deps);
  // A run of another flow must not be readable with this flow's credentials.
  if (report === undefined || report.flow !== flow.name) throw unknownRun();
  return jsonResponse(200, record ? { ...report, record } : report);
}

/** The execution's state as the record tells it: it succeeds once Notify recorded the alert; undefined = ask the launcher. */
function executionStateOf(record: RunRecord): string | undefined {
  if (record.state === 'RUNNING') return 'RUNNING';
  return record.alert === undefined ? undefined : 'SUCCEEDED';
}

function reportOf(record: RunRecord, state: string): RunReport {
  return {
    runId: record.runId,
    flow: record.flow,
    state,
    ...(record.outcome !== undefined && { outcome: record.outcome }),
    ...(record.jobId !== undefined && { jobId: record.jobId }),
    ...(record.executionStatus !== undefined && { executionStatus: record.executionStatus }),
    ...(record.currentStep !== undefined && { currentStep: record.currentStep }),
    startedAt: record.submittedAt,
    ...(record.endedAt !== undefined && { stoppedAt: record.endedAt }),
    ...(record.message !== undefined && { message: record.message }),
  };
}

async function describeOrExplain(runId: string, deps: WebhookDeps): Promise<RunReport | undefined> {
  try {
    return await deps.launcher.describe(runId);
  } catch (error) {
    if (!(error instanceof DwqError)) throw error;
    (deps.logger ?? silentLogger).error('webhook could not describe the run', { runId, error: error.message });
    throw new WebhookHttpError(503, 'unavailable', 'the run cannot be read right now; retry later', {
      cause: error,
      headers: { 'retry-after': '5' },
    });
  }
}
