/**
 * GET /runs/{runId}: the run id names its flow, whose credentials authenticate the caller. With a
 * run ledger the answer is the run's record (status and step as of the last Check); a run the
 * ledger has no record of (or a deployment without one) is described by the launcher.
 */
import { DwqError } from '../errors.ts';
import type { RunReport } from '../model.ts';
import { WebhookHttpError } from './http-error.ts';
import { jsonResponse, type HttpRequest, type HttpResponse } from './http.ts';
import { authenticateForRun, recordOf, unknownRun } from './run-access.ts';
import type { WebhookDeps } from './webhook-deps.ts';
import { silentLogger } from './webhook-logger.ts';

export async function getRunRoute(request: HttpRequest, runId: string, deps: WebhookDeps): Promise<HttpResponse> {
  const { flow } = await authenticateForRun(request, runId, deps);
  const record = deps.ledger ? await recordOf(deps.ledger, runId, flow.name, deps) : undefined;
  if (record) return jsonResponse(200, record);

  const report = await describeOrExplain(runId, deps);
  // A run of another flow must not be readable with this flow's credentials.
  if (report === undefined || report.flow !== flow.name) throw unknownRun();
  return jsonResponse(200, report);
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
