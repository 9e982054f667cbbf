/**
 * The webhook's HTTP core: routes a request, answers every refusal with
 * `{ error, message }` and a 4xx (503 when our side cannot check or start), and lets only
 * genuinely unexpected errors escape, for the adapter's generic 500.
 */
import { WebhookHttpError, webhookErrorResponse } from './http-error.ts';
import type { HttpRequest, HttpResponse } from './http.ts';
import { getRunRoute } from './get-run-route.ts';
import { listRunsRoute } from './list-runs-route.ts';
import { rerunRoute } from './rerun-route.ts';
import { startRunRoute } from './start-run-route.ts';
import type { WebhookDeps } from './webhook-deps.ts';
import { silentLogger } from './webhook-logger.ts';

interface Route {
  readonly pattern: RegExp;
  readonly method: 'GET' | 'POST';
  readonly handle: (request: HttpRequest, segment: string, deps: WebhookDeps) => Promise<HttpResponse>;
}

const ROUTES: readonly Route[] = [
  { pattern: /^\/flows\/([^/]+)\/runs\/?$/, method: 'POST', handle: startRunRoute },
  { pattern: /^\/runs\/?$/, method: 'GET', handle: listRunsRoute },
  { pattern: /^\/runs\/([^/]+)\/?$/, method: 'GET', handle: getRunRoute },
  { pattern: /^\/runs\/([^/]+)\/rerun\/?$/, method: 'POST', handle: rerunRoute },
];

export async function handleWebhookRequest(request: HttpRequest, deps: WebhookDeps): Promise<HttpResponse> {
  try {
    const { route, segment } = matchRoute(request.path);
    if (request.method.toUpperCase() !== route.method) {
      throw new WebhookHttpError(405, 'method_not_allowed', `use ${route.method} on this path`, { headers: { allow: route.method } });
    }
    return await route.handle(request, segment, deps);
  } catch (error) {
    if (!(error instanceof WebhookHttpError)) throw error;
    if (error.statusCode < 500 && error.statusCode !== 401) {
      // 401 and 503 are logged where they are decided, with their reason.
      (deps.logger ?? silentLogger).warn('webhook request refused', {
        status: error.statusCode,
        error: error.code,
        detail: error.message,
        method: request.method,
        path: request.path,
      });
    }
    return webhookErrorResponse(error);
  }
}

function matchRoute(path: string): { route: Route; segment: string } {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match === null) continue;
    // A route without a path segment (GET /runs) gets ''.
    const encoded = match[1] ?? '';
    try {
      return { route, segment: decodeURIComponent(encoded) };
    } catch {
      break;
    }
  }
  throw new WebhookHttpError(404, 'not_found', 'no such route; use POST /flows/{flow}/runs, GET /runs, GET /runs/{runId} or POST /runs/{runId}/rerun');
}
