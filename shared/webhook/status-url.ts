import type { HttpRequest } from './http.ts';

/** Where the caller polls the run: `baseUrl` when the server knows it, else the API's own domain. */
export function statusUrlOf(request: HttpRequest, runId: string): string {
  const base = request.baseUrl ?? (request.domainName ? `https://${request.domainName}` : '');
  return `${base.replace(/\/+$/, '')}/runs/${encodeURIComponent(runId)}`;
}
