/** POST /flows/{flow}/runs: authenticate, check the body against the flow, start (or find) the run. */
import { createHash, randomUUID } from 'node:crypto';
import { resolveRunFlow } from '../config/resolve.ts';
import { DwqError, RunStartRefusedError, ValidationError } from '../errors.ts';
import type { RunFlow, RunInput } from '../model.ts';
import { requestLogicalTime } from '../periods/logical-time.ts';
import { runNameFor } from '../run/run-name.ts';
import { authenticateFirst, type Authenticated } from './auth.ts';
import { credentialsOf } from './callers.ts';
import { WebhookHttpError } from './http-error.ts';
import { jsonResponse, type HttpRequest, type HttpResponse } from './http.ts';
import { parseRunRequestBody, type WebhookRunRequest } from './parse-body.ts';
import { checkBodySize, checkContentType, checkInputSize, idempotencyKeyOf } from './request-checks.ts';
import { statusUrlOf } from './status-url.ts';
import { webhookFlowOf, type WebhookDeps, type WebhookFlow } from './webhook-deps.ts';
import { silentLogger } from './webhook-logger.ts';

export async function startRunRoute(request: HttpRequest, flowName: string, deps: WebhookDeps): Promise<HttpResponse> {
  const logger = deps.logger ?? silentLogger;
  checkBodySize(request, deps.config.webhook.maxBodyBytes);
  checkContentType(request);
  const { flow, auth } = await authenticateFirst(flowName, webhookFlowOf(deps.config, flowName), (known) => credentialsOf(deps.config, known.name), request, { secrets: deps.secrets, logger });

  const body = parseRunRequestBody(request.rawBody);
  const runFlow = resolvedFlow(body, flow, deps);
  const key = idempotencyKeyOf(request, auth.webhookId);
  const triggerId = key ?? randomUUID();
  // Keys live in one namespace per credential (its method and holder): a bearer caller cannot
  // pre-empt a signed delivery id, nor one named caller another's key.
  const runId = runNameFor(flowName, 'webhook', `${auth.method}:${auth.holder}:${triggerId}`);
  const time = triggerTime(auth, deps);
  const logicalTime = asBadRequest(() => requestLogicalTime(flow, time, body.logicalTime));
  const bodySha256 = createHash('sha256').update(request.rawBody, 'utf8').digest('hex');
  const input: RunInput = { flow: runFlow, trigger: { kind: 'webhook', id: triggerId, time, logicalTime, bodySha256 } };
  checkInputSize(input);

  const started = await startOrExplain(runId, input, deps);
  if (started.alreadyStarted && started.firstInput?.trigger.bodySha256 !== undefined && started.firstInput.trigger.bodySha256 !== bodySha256) {
    // The IETF Idempotency-Key draft: a key reused with another body is the caller's mistake.
    throw new WebhookHttpError(422, 'idempotency_key_reused', `this ${auth.method === 'signature' ? 'webhook-id' : 'Idempotency-Key'} was already used with a different body; use a new key for a new request`);
  }
  const context = { flow: flowName, runId, webhookId: auth.webhookId, idempotencyKey: auth.webhookId ? undefined : key, auth: auth.method };
  logger.info(started.alreadyStarted ? 'webhook repeat: run already started' : 'webhook run started', context);
  return jsonResponse(202, {
    runId,
    flow: flowName,
    statusUrl: statusUrlOf(request, runId),
    ...(started.alreadyStarted && { duplicate: true }),
  });
}

function resolvedFlow(body: WebhookRunRequest, flow: WebhookFlow, deps: WebhookDeps): RunFlow {
  return asBadRequest(() =>
    resolveRunFlow(deps.config, flow.name, body, {
      allowlist: flow.webhook.allow,
      allowRunProfileOverride: flow.webhook.allowRunProfileOverride,
    }),
  );
}

function asBadRequest<T>(build: () => T): T {
  try {
    return build();
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
    if (error instanceof RunStartRefusedError) {
      // Permanent: retrying the same request cannot help, so it is not a 503.
      (deps.logger ?? silentLogger).error('Step Functions refused to start the run', { flow: input.flow.name, runId, error: error.message });
      throw new WebhookHttpError(error.tooLarge ? 413 : 400, error.tooLarge ? 'input_too_large' : 'run_refused', error.message, { cause: error });
    }
    if (!(error instanceof DwqError)) throw error;
    (deps.logger ?? silentLogger).error('webhook could not start the run', { flow: input.flow.name, runId, error: error.message });
    // Nothing was started, so the caller's retry is safe: the same key gives the same run id.
    throw new WebhookHttpError(503, 'unavailable', 'the run could not be started right now; retry later', {
      cause: error,
      headers: { 'retry-after': '30' },
    });
  }
}
