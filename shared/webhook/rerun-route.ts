/**
 * POST /runs/{runId}/rerun[?force=true]: a new run of the same flow with the original's
 * parameters, run profile and notification setting, as its record keeps them (planned by
 * shared/operator/rerun-plan.ts, as `dwq rerun` plans it). Idempotent by Idempotency-Key (or the signed webhook-id); a run still going is re-run only
 * with `force=true`. Signature callers sign a body naming the run, so a signed read of the run
 * can never be replayed as a re-run.
 */
import { randomUUID } from 'node:crypto';
import { DwqError, RunInProgressError, ValidationError } from '../errors.ts';
import type { RunRecord } from '../ledger/run-record.ts';
import type { RunInput } from '../model.ts';
import { planRerun, type RerunPlan } from '../operator/rerun-plan.ts';
import type { Authenticated } from './auth.ts';
import { WebhookHttpError } from './http-error.ts';
import { jsonResponse, type HttpRequest, type HttpResponse } from './http.ts';
import { checkBodySize, idempotencyKeyOf } from './request-checks.ts';
import { authenticateForRun, ledgerOf, recordOf, unknownRun } from './run-access.ts';
import { statusUrlOf } from './status-url.ts';
import type { WebhookDeps } from './webhook-deps.ts';
import { silentLogger } from './webhook-logger.ts';

export async function rerunRoute(request: HttpRequest, runId: string, deps: WebhookDeps): Promise<HttpResponse> {
  const force = parseForce(request.query?.['force']);
  checkBodySize(request, deps.config.webhook.maxBodyBytes);
  const ledger = ledgerOf(deps);
  const { flow, auth } = await authenticateForRun(request, runId, deps);
  checkSignedBody(request, runId, auth);
  const original = await recordOf(ledger, runId, flow.name, deps);
  if (original === undefined) throw unknownRun();
  const key = idempotencyKeyOf(request, auth.webhookId) ?? randomUUID();
  const { runId: newRunId, input } = plannedRerun(original, { key, force, now: deps.clock.now() }, deps);
  const started = await startOrExplain(newRunId, input, deps);
  (deps.logger ?? silentLogger).info(started.alreadyStarted ? 'rerun repeat: run already started' : 'rerun started', { flow: flow.name, runId: newRunId, rerunOf: runId, auth: auth.method });
  return jsonResponse(202, {
    runId: newRunId,
    flow: flow.name,
    rerunOf: runId,
    statusUrl: statusUrlOf(request, newRunId),
    ...(started.alreadyStarted && { duplicate: true }),
  });
}

function parseForce(text: string | undefined): boolean {
  if (text === undefined || text === 'false') return false;
  if (text === 'true') return true;
  throw new WebhookHttpError(400, 'invalid_request', 'force: must be true or false');
}

/** A signature covers the body: it must name the run, or a signed GET of it could be replayed here. */
function checkSignedBody(request: HttpRequest, runId: string, auth: Authenticated): void {
  if (auth.method !== 'signature') return;
  let named: unknown;
  try {
    named = (JSON.parse(request.rawBody) as { runId?: unknown } | null)?.runId;
  } catch {
    named = undefined;
  }
  if (named !== runId) throw new WebhookHttpError(400, 'invalid_request', 'runId: a signed re-run must sign the body {"runId": "<the run id>"}');
}

function plannedRerun(original: RunRecord, request: Parameters<typeof planRerun>[2], deps: WebhookDeps): RerunPlan {
  try {
    return planRerun(deps.config, original, request);
  } catch (error) {
    if (error instanceof RunInProgressError) throw new WebhookHttpError(409, 'run_in_progress', `${error.message} with ?force=true`, { cause: error });
    if (!(error instanceof ValidationError)) throw error;
    throw new WebhookHttpError(409, 'config_changed', `the run cannot be repeated as it was: ${error.message}; start a new run instead`, { cause: error });
  }
}

async function startOrExplain(runId: string, input: RunInput, deps: WebhookDeps) {
  try {
    return await deps.launcher.start(runId, input);
  } catch (error) {
    if (!(error instanceof DwqError)) throw error;
    (deps.logger ?? silentLogger).error('webhook could not start the re-run', { flow: input.flow.name, runId, error: error.message });
    throw new WebhookHttpError(503, 'unavailable', 'the re-run could not be started right now; retry later', { cause: error, headers: { 'retry-after': '30' } });
  }
}
