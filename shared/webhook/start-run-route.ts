/** POST /flows/{flow}/runs: authenticate, check the body against the flow, start (or find) the run. */
import { randomUUID } from 'node:crypto';
import { resolveRunFlow } from '../config/resolve.ts';
import { DwqError, ValidationError } from '../errors.ts';
import type { RunFlow, RunInput } from '../model.ts';
import { runNameFor } from '../run/run-name.ts';
import { credentialsOf } from './callers.ts';
import { authenticate, type Authenticated } from './auth.ts';
import { WebhookHttpError } from './http-error.ts';
import { jsonResponse, type HttpRequest, type HttpResponse } from './http.ts';
import { parseRunRequestBody } from './parse-body.ts';
import { checkBodySize, checkContentType, idempotencyKeyOf } from './request-checks.ts';
import { statusUrlOf } from './status-url.ts';
import { webhookFlowOf, type WebhookDeps, type WebhookFlow } from './webhook-deps.ts';
import { silentLogger } from './webhook-logger.ts';

export async function startRunRoute(request: HttpRequest, flowName: string, deps: WebhookDeps): Promise<HttpResponse> {
  const logger = deps.logger ?? silentLogger;
  const flow = webhookFlowOf(deps.config, flowName);
  if (flow === undefined) throw new WebhookHttpError(404, 'unknown_flow', `no flow named ${JSON.stringify(flowName.slice(0, 100))} accepts webhooks`);
  checkBodySize(request, deps.config.webhook.maxBodyBytes);
  checkContentType(request);
  const auth = await authenticate(flowName, credentialsOf(deps.config, flowName), request, { secrets: deps.secrets, logger });

  const runFlow = resolvedFlow(request, flow, deps);
  const key = idempotencyKeyOf(request, auth.webhookId);
  const triggerId = key ?? randomUUID();
  const runId = runNameFor(flowName, 'webhook', triggerId);
  const input: RunInput = { flow: runFlow, trigger: { kind: 'webhook', id: triggerId, time: triggerTime(auth, deps) } };

  const started = await startOrExplain(runId, input, deps);
  const context = { flow: flowName, runId, webhookId: auth.webhookId, idempotencyKey: auth.webhookId ? undefined : key, auth: auth.method };
  logger.info(started.alreadyStarted ? 'webhook repeat: run already started' : 'webhook run started', context);
  return jsonResponse(202, {
    runId,
    flow: flowName,
    statusUrl: statusUrlOf(request, runId),
    ...(started.alreadyStarted && { duplicate: true }),
  });
}

function resolvedFlow(request: HttpRequest, flow: WebhookFlow, deps: WebhookDeps): RunFlow {
  const body = parseRunRequestBody(request.rawBody);
  try {
    return resolveRunFlow(deps.config, flow.name, body, {
      allowlist: flow.webhook.allow,
      allowRunProfileOverride: flow.webhook.allowRunProfileOverride,
    });
  } catch (error) {
    if (error instanceof ValidationError) throw new WebhookHttpError(400, 'invalid_request', error.message, { cause: error });
    throw error;
  }
}

/** The signed time for signature callers (identical on an exact replay), else now. */
function triggerTime(auth: Authenticated, deps: WebhookDeps): string {
  return (auth.timestamp ?? deps.clock.now()).toISOString();
}

async function startOrExplain(runId: string, input: RunInput, deps: WebhookDeps) {
  try {
    return await deps.launcher.start(runId, input);
  } catch (error) {
    if (!(error instanceof DwqError)) throw error;
    (deps.logger ?? silentLogger).error('webhook could not start the run', { flow: input.flow.name, runId, error: error.message });
    // Nothing was started, so the caller's retry is safe: the same key gives the same run id.
    throw new WebhookHttpError(503, 'unavailable', 'the run could not be started right now; retry later', {
      cause: error,
      headers: { 'retry-after': '30' },
    });
  }
}
