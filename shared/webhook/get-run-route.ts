/** GET /runs/{runId}: the run id names its flow, whose credentials authenticate the caller. */
import { DwqError } from '../errors.ts';
import type { RunReport } from '../model.ts';
import { flowFromRunName } from '../run/run-name.ts';
import { authenticateFirst } from './auth.ts';
import { WebhookHttpError } from './http-error.ts';
import { jsonResponse, type HttpRequest, type HttpResponse } from './http.ts';
import { webhookFlowOf, type WebhookDeps } from './webhook-deps.ts';
import { silentLogger } from './webhook-logger.ts';

export async function getRunRoute(request: HttpRequest, runId: string, deps: WebhookDeps): Promise<HttpResponse> {
  const logger = deps.logger ?? silentLogger;
  const flowName = flowFromRunName(runId);
  const flow = flowName === undefined ? undefined : webhookFlowOf(deps.config, flowName);
  await authenticateFirst(flowName ?? '', flow, request, { secrets: deps.secrets, logger });

  const report = await describeOrExplain(runId, deps);
  // A run of another flow must not be readable with this flow's credentials.
  if (report === undefined || report.flow !== flowName) throw unknownRun();
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

function unknownRun(): WebhookHttpError {
  return new WebhookHttpError(404, 'unknown_run', 'no such run');
}
