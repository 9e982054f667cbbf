/**
 * Which URLs an alert may be POSTed to: https anywhere; plain http only to this machine
 * (127.0.0.1, localhost, [::1]), which only local mode can reach. The config accepts both, so a
 * local config loads; the stack and the delivery Lambda refuse the loopback ones.
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type UrlScope = 'aws' | 'local';

/** Why `value` is no URL we deliver to in `scope`, in words a config author acts on; undefined when it is one. */
export function deliveryUrlProblem(value: unknown, scope: UrlScope): string | undefined {
  if (typeof value !== 'string') return 'must be a URL such as https://hooks.example.com/dataworq';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be a URL such as https://hooks.example.com/dataworq (got '${value.slice(0, 80)}')`;
  }
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password; put credentials in the receiver, not the URL';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopback(url)) {
    return scope === 'local' ? undefined : `is a local address (${url.host}): only local mode (dwq start) can deliver there; deploy with an https URL`;
  }
  return `must use https (got ${url.protocol.replace(':', '')}); plain http is accepted only for http://127.0.0.1 or http://localhost in local mode`;
}

export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || LOOPBACK_HOSTS.has(`[${url.hostname}]`) || url.hostname === '::1';
}
