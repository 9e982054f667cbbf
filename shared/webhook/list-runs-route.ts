/**
 * GET /runs?flow=&outcome=&since=&limit=&next=: runs newest first, paginated, from the ledger.
 * With `flow` the caller authenticates against that flow; without it, only the flows its
 * credential opens are listed. The answer also says which of those flows are paused.
 */
import { parseDuration } from '../config/duration.ts';
import { ValidationError } from '../errors.ts';
import { RUN_LEDGER } from '../ledger/constants.ts';
import type { RunQuery } from '../ledger/run-ledger.ts';
import { OUTCOMES, type Outcome } from '../model.ts';
import { credentialsOf } from './callers.ts';
import { authenticate } from './auth.ts';
import { WebhookHttpError } from './http-error.ts';
import { jsonResponse, type HttpRequest, type HttpResponse } from './http.ts';
import { authenticatedFlows, ledgerCall, ledgerOf } from './run-access.ts';
import { webhookFlowOf, type WebhookDeps } from './webhook-deps.ts';
import { silentLogger } from './webhook-logger.ts';

const PARAMETERS = ['flow', 'outcome', 'since', 'limit', 'next'] as const;
const MAX_CURSOR_CHARS = 2048;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** `since` as a duration back from now: "24h", "7d", "90m"... up to ten years. */
const MAX_SINCE_SECONDS = 3650 * 86_400;

type ListFilters = Omit<RunQuery, 'flows'> & { readonly flow?: string };

export async function listRunsRoute(request: HttpRequest, _segment: string, deps: WebhookDeps): Promise<HttpResponse> {
  const filters = parseFilters(request.query ?? {}, deps);
  const ledger = ledgerOf(deps);
  const flows = filters.flow === undefined ? await authenticatedFlows(request, deps) : [await authenticatedFlow(request, filters.flow, deps)];
  const page = await ledgerCall(deps, 'list runs', async () => {
    try {
      return await ledger.list({ ...filters, flows });
    } catch (error) {
      if (error instanceof ValidationError) throw new WebhookHttpError(400, 'invalid_filter', error.message, { cause: error });
      throw error;
    }
  });
  const pauses = await ledgerCall(deps, 'read the pause flags', () => ledger.listPauses(filters.flow));
  return jsonResponse(200, {
    runs: page.runs,
    ...(page.next !== undefined && { next: page.next }),
    paused: pauses.filter((flag) => flows.includes(flag.flow)),
  });
}

async function authenticatedFlow(request: HttpRequest, name: string, deps: WebhookDeps): Promise<string> {
  const flow = webhookFlowOf(deps.config, name);
  if (flow === undefined) throw invalid('flow', `no flow named ${JSON.stringify(name.slice(0, 100))} accepts webhooks`);
  await authenticate(flow.name, credentialsOf(deps.config, flow.name), request, { secrets: deps.secrets, logger: deps.logger ?? silentLogger });
  return flow.name;
}

/** Every filter checked before anything is read; a 400 names the field and what it accepts. */
export function parseFilters(query: Readonly<Record<string, string | undefined>>, deps: WebhookDeps): ListFilters {
  const unknown = Object.keys(query).find((name) => !(PARAMETERS as readonly string[]).includes(name));
  if (unknown !== undefined) throw invalid(unknown.slice(0, 40), `unknown filter; use ${PARAMETERS.join(', ')}`);
  const { flow, outcome, since, limit, next } = query;
  return {
    ...(flow !== undefined && { flow }),
    ...(outcome !== undefined && { outcome: parseOutcome(outcome) }),
    ...(since !== undefined && { since: parseSince(since, deps.clock.now()) }),
    limit: limit === undefined ? RUN_LEDGER.defaultListLimit : parseLimit(limit),
    ...(next !== undefined && { cursor: parseCursor(next) }),
  };
}

function parseOutcome(text: string): Outcome {
  if ((OUTCOMES as readonly string[]).includes(text)) return text as Outcome;
  throw invalid('outcome', `must be one of ${OUTCOMES.join(', ')}`);
}

function parseSince(text: string, now: Date): Date {
  if (ISO_TIME.test(text) && !Number.isNaN(Date.parse(text))) return new Date(text);
  const seconds = parseDuration(text);
  if (seconds <= MAX_SINCE_SECONDS) return new Date(now.getTime() - seconds * 1000);
  throw invalid('since', 'must be an ISO 8601 time with a zone (2026-03-01T00:00:00Z) or a duration back from now (24h, 7d)');
}

function parseLimit(text: string): number {
  const limit = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (limit >= 1 && limit <= RUN_LEDGER.maxListLimit) return limit;
  throw invalid('limit', `must be a whole number from 1 to ${RUN_LEDGER.maxListLimit}`);
}

function parseCursor(text: string): string {
  if (text !== '' && text.length <= MAX_CURSOR_CHARS && /^[A-Za-z0-9_-]+$/.test(text)) return text;
  throw invalid('next', 'not a cursor of this listing; pass the `next` value of the previous page');
}

function invalid(field: string, message: string): WebhookHttpError {
  return new WebhookHttpError(400, 'invalid_filter', `${field}: ${message}`);
}
