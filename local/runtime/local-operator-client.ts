/**
 * The other end of operator-endpoint.ts: a RunLauncher that starts and describes runs in a
 * running `dwq start`, for the operator commands of another process.
 */
import { DwqError, OperatorAccessError } from '../../shared/errors.ts';
import { isRecord } from '../../shared/guards.ts';
import type { RunInput, RunLauncher, RunReport, RunStart } from '../../shared/model.ts';

export interface LocalEndpoint {
  /** The base URL of `dwq start` (its webhook's). */
  readonly url: string;
  readonly token: string;
}

export class LocalHttpLauncher implements RunLauncher {
  readonly #endpoint: LocalEndpoint;

  constructor(endpoint: LocalEndpoint) {
    this.#endpoint = endpoint;
  }

  async start(name: string, input: RunInput): Promise<RunStart> {
    const answer = await call(this.#endpoint, 'POST', 'runs', { runId: name, input });
    if (answer.status !== 202 || !isRecord(answer.body) || typeof answer.body['runId'] !== 'string') throw refused(answer, `start run ${name}`);
    return { runId: answer.body['runId'], alreadyStarted: answer.body['alreadyStarted'] === true };
  }

  async describe(runId: string): Promise<RunReport | undefined> {
    const answer = await call(this.#endpoint, 'GET', `runs/${encodeURIComponent(runId)}`);
    if (answer.status === 404) return undefined;
    if (answer.status !== 200 || !isRecord(answer.body)) throw refused(answer, `describe run ${runId}`);
    return answer.body as unknown as RunReport;
  }
}

/** Where the `dwq start` at this endpoint serves its state table. */
export async function localStateTable(endpoint: LocalEndpoint): Promise<{ endpoint: string; tableName: string }> {
  const answer = await call(endpoint, 'GET', 'runtime');
  const table = isRecord(answer.body) ? answer.body['stateTable'] : undefined;
  if (answer.status !== 200 || !isRecord(table) || typeof table['endpoint'] !== 'string' || typeof table['tableName'] !== 'string') throw refused(answer, 'read its runtime');
  return { endpoint: table['endpoint'], tableName: table['tableName'] };
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

async function call(endpoint: LocalEndpoint, method: string, path: string, body?: unknown): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(`${endpoint.url}/_local/${path}`, {
      method,
      headers: { authorization: `Bearer ${endpoint.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new OperatorAccessError(`dwq start at ${endpoint.url} is not answering (${(error as Error).message}): is it still running? Start it with dwq start, or pass --local <url> / --stack <name>`, { cause: error });
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed };
}

function refused(answer: Answer, what: string): DwqError {
  const message = isRecord(answer.body) && typeof answer.body['message'] === 'string' ? answer.body['message'] : `HTTP ${answer.status}`;
  if (answer.status === 401 || answer.status === 403) {
    return new OperatorAccessError(`dwq start refused to ${what}: ${message}. The token comes from its runtime.json (or DWQ_LOCAL_TOKEN with --local)`);
  }
  return new DwqError(`dwq start could not ${what}: ${message}`);
}
