import { trimTrailingSlashes } from './transport.ts';
import type { DataworqTransport } from './transport.ts';

/** A DataWORQ server reached directly: the native path on its base URL, the user key alone. */
export function nativeTransport(baseUrl: string): DataworqTransport {
  const base = trimTrailingSlashes(baseUrl);
  return {
    kind: 'native',
    requiredKeys: ['userApiKey'],
    toRequest: (call, keys) => ({
      url: `${base}${call.endpoint}`,
      method: call.method,
      headers: { 'Content-Type': 'application/json', 'user-api-key': keys.userApiKey },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    }),
  };
}
