import { JOBS_PATH } from '../../shared/dataworq/constants.ts';

export type NativeOperation =
  | { readonly kind: 'execute' }
  | { readonly kind: 'status'; readonly jobId: string; readonly filter: string | undefined }
  | { readonly kind: 'list'; readonly filter: string | undefined };

/** What a native endpoint (path and query, as in the `endpoint` header) asks for; undefined if nothing known. */
export function resolveNativeEndpoint(method: string, endpoint: string): NativeOperation | undefined {
  let url: URL;
  try {
    url = new URL(endpoint, 'http://emulator.invalid');
  } catch {
    return undefined;
  }
  if (!endpoint.startsWith('/')) return undefined;
  const filter = url.searchParams.get('filter') ?? undefined;
  if (url.pathname === JOBS_PATH) {
    if (method === 'POST') return url.search === '' ? { kind: 'execute' } : undefined;
    return method === 'GET' ? { kind: 'list', filter } : undefined;
  }
  const jobId = jobIdOf(url.pathname);
  return jobId !== undefined && method === 'GET' ? { kind: 'status', jobId, filter } : undefined;
}

function jobIdOf(pathname: string): string | undefined {
  const prefix = `${JOBS_PATH}/`;
  if (!pathname.startsWith(prefix)) return undefined;
  const raw = pathname.slice(prefix.length);
  if (raw === '' || raw.includes('/')) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}
