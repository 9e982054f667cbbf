/**
 * The local operator endpoint of `dwq start`: how another process on this machine starts runs in
 * it (the executor lives in the `dwq start` process). It is the RunLauncher port over HTTP, no
 * more: `dwq trigger` and `dwq rerun` resolve the run themselves, exactly as against Step
 * Functions. Loopback callers only, with the random token of runtime.json.
 *
 *   GET  /_local/runtime        where the state table is served
 *   POST /_local/runs           {"runId", "input"} → 202 {"runId", "alreadyStarted"}
 *   GET  /_local/runs/{runId}   the launcher's report, or 404
 */
import { sameToken } from '../../shared/webhook/bearer.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import { isRecord } from '../../shared/guards.ts';
import type { RunInput, RunLauncher } from '../../shared/model.ts';
import { flowFromRunName } from '../../shared/run/run-name.ts';
import { jsonResponse, type HttpResponse } from '../../shared/webhook/http.ts';

export const OPERATOR_PATH_PREFIX = '/_local/';

export interface OperatorEndpoint {
  readonly token: string;
  readonly launcher: RunLauncher;
  /** Runs are started only for the flows this config declares, with their DataWORQ flow id. */
  readonly config: DwqConfig;
  readonly stateTable: { readonly endpoint: string; readonly tableName: string };
}

export interface OperatorRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly remoteAddress: string | undefined;
  readonly rawBody: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export async function serveOperator(request: OperatorRequest, endpoint: OperatorEndpoint): Promise<HttpResponse> {
  // Whatever address the webhook listens on, this endpoint answers this machine only.
  if (!LOOPBACK.has(request.remoteAddress ?? '')) return refusal(403, 'forbidden', 'the local operator endpoint answers this machine only');
  if (!tokenMatches(request.authorization, endpoint.token)) return refusal(401, 'unauthorized', 'send Authorization: Bearer <token> with the token of .dwq/runtime.json');
  const path = request.path.slice(OPERATOR_PATH_PREFIX.length);
  if (request.method === 'GET' && path === 'runtime') return jsonResponse(200, { stateTable: endpoint.stateTable });
  if (request.method === 'POST' && path === 'runs') return startRun(request.rawBody, endpoint);
  const runId = /^runs\/([A-Za-z0-9_-]{1,80})$/.exec(path)?.[1];
  if (request.method === 'GET' && runId !== undefined) {
    const report = await endpoint.launcher.describe(runId);
    return report === undefined ? refusal(404, 'unknown_run', 'no such run in this dwq start') : jsonResponse(200, report);
  }
  return refusal(404, 'not_found', 'unknown operator route');
}

async function startRun(rawBody: string, endpoint: OperatorEndpoint): Promise<HttpResponse> {
  const request = parseJson(rawBody);
  const runId = isRecord(request) && typeof request['runId'] === 'string' ? request['runId'] : undefined;
  const input = isRecord(request) ? request['input'] : undefined;
  const problem = startProblem(runId, input, endpoint.config);
  if (problem !== undefined || runId === undefined) return refusal(400, 'invalid_request', problem ?? 'runId missing');
  const started = await endpoint.launcher.start(runId, input as RunInput);
  return jsonResponse(202, started);
}

/** A run of a configured flow, under its own id and DataWORQ flow id: nothing else starts here. */
function startProblem(runId: string | undefined, input: unknown, config: DwqConfig): string | undefined {
  if (runId === undefined) return 'runId: a run id (runNameFor) is required';
  if (!isRecord(input) || !isRecord(input['flow']) || !isRecord(input['trigger'])) return 'input: a RunInput {flow, trigger} is required';
  const name = input['flow']['name'];
  const flow = typeof name === 'string' && Object.hasOwn(config.flows, name) ? config.flows[name] : undefined;
  if (flow === undefined) return `input.flow.name: not a flow of this dwq start's config`;
  if (input['flow']['flowId'] !== flow.flowId) return `input.flow.flowId: not the flow id the config gives ${flow.name}; the config changed? restart dwq start or pass its --config`;
  if (flowFromRunName(runId) !== flow.name) return `runId: not a run id of flow ${flow.name}`;
  return undefined;
}

function tokenMatches(authorization: string | undefined, token: string): boolean {
  const given = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  return given !== undefined && sameToken(given, token);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function refusal(statusCode: number, error: string, message: string): HttpResponse {
  return jsonResponse(statusCode, { error, message });
}
