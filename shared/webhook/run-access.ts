/**
 * Who may read or re-run which runs: the same callers as the webhook (callers.ts). A run id names
 * its flow, so the credentials of that flow are checked before anything reveals whether the run
 * exists; a listing across flows shows only the flows of the caller whose credential it is.
 */
import type { RunLedger } from '../ledger/run-ledger.ts';
import type { RunRecord } from '../ledger/run-record.ts';
import { DwqError } from '../errors.ts';
import { flowFromRunName } from '../run/run-name.ts';
import { authenticate, authenticateFirst, type Authenticated } from './auth.ts';
import { credentialsOf, credentialsOfCaller, webhookCallers } from './callers.ts';
import { WebhookHttpError } from './http-error.ts';
import type { HttpRequest } from './http.ts';
import { webhookFlowOf, type WebhookDeps, type WebhookFlow } from './webhook-deps.ts';
import { silentLogger } from './webhook-logger.ts';

export function unknownRun(): WebhookHttpError {
  return new WebhookHttpError(404, 'unknown_run', 'no such run');
}

export function ledgerOf(deps: WebhookDeps): RunLedger {
  if (deps.ledger) return deps.ledger;
  throw new WebhookHttpError(501, 'no_run_ledger', 'this deployment keeps no run ledger (no state table is wired); use GET /runs/{runId}');
}

/** The run's flow, authenticated; 404 when the id names no flow with a webhook. */
export async function authenticateForRun(request: HttpRequest, runId: string, deps: WebhookDeps): Promise<{ flow: WebhookFlow; auth: Authenticated }> {
  const flowName = flowFromRunName(runId);
  const flow = flowName === undefined ? undefined : webhookFlowOf(deps.config, flowName);
  // Authenticate first: an unknown run is a 401 like a bad credential until the caller proved who it is.
  return authenticateFirst(flowName ?? '', flow, (known) => credentialsOf(deps.config, known.name), request, { secrets: deps.secrets, logger: deps.logger ?? silentLogger });
}

/**
 * The webhook flows this request's credential opens: each caller is tried in turn (secrets are
 * cached by the WebhookSecrets adapter), so the cost grows with callers, not flows; the flows of
 * every caller it matches. None: the refusal of the first caller tried, so the caller learns what
 * was missing or wrong, never which flows or callers exist.
 */
export async function authenticatedFlows(request: HttpRequest, deps: WebhookDeps): Promise<string[]> {
  const opened = new Set<string>();
  let firstRefusal: WebhookHttpError | undefined;
  for (const caller of webhookCallers(deps.config)) {
    const flows = caller.flows.filter((name) => webhookFlowOf(deps.config, name) !== undefined);
    if (flows.length === 0) continue;
    try {
      await authenticate(flows[0] ?? '', credentialsOfCaller(caller), request, { secrets: deps.secrets, logger: silentLogger });
      for (const flow of flows) opened.add(flow);
    } catch (error) {
      if (!(error instanceof WebhookHttpError)) throw error;
      // 401 beats 503: an unreadable secret of one caller says nothing about this credential.
      if (firstRefusal === undefined || (firstRefusal.statusCode !== 401 && error.statusCode === 401)) firstRefusal = error;
    }
  }
  if (opened.size > 0) return [...opened];
  (deps.logger ?? silentLogger).warn('run listing refused: the credential opens no flow', { path: request.path, status: firstRefusal?.statusCode });
  throw firstRefusal ?? new WebhookHttpError(404, 'not_found', 'no flow accepts webhooks, so no runs can be listed');
}

/** The run's record, of this flow only; 404 when there is none. Ledger failures answer 503. */
export async function recordOf(ledger: RunLedger, runId: string, flow: string, deps: WebhookDeps): Promise<RunRecord | undefined> {
  const record = await ledgerCall(deps, 'read the run', () => ledger.get(runId));
  return record?.flow === flow ? record : undefined;
}

/** Runs a ledger read; DynamoDB being down is our side's problem: 503 with a retry hint. */
export async function ledgerCall<T>(deps: WebhookDeps, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DwqError) throw error;
    (deps.logger ?? silentLogger).error(`webhook could not ${what} in the run ledger`, { error: error instanceof Error ? error.name : 'unknown' });
    throw new WebhookHttpError(503, 'unavailable', `could not ${what} right now; retry later`, { cause: error, headers: { 'retry-after': '5' } });
  }
}
