import { DEFAULT_CLOUD_CONNECTOR_URL } from './constants.ts';
import { trimTrailingSlashes } from './transport.ts';
import type { DataworqTransport } from './transport.ts';

/**
 * The Cloud Connector packs a native call into one request to QueBIT's public endpoint: the
 * native path travels in the `endpoint` header and its method in the `method` header (seed).
 */
export function cloudConnectorTransport(baseUrl: string = DEFAULT_CLOUD_CONNECTOR_URL): DataworqTransport {
  const base = trimTrailingSlashes(baseUrl);
  return {
    kind: 'cloud-connector',
    requiredKeys: ['apiKey', 'userApiKey'],
    toRequest: (call, keys) => ({
      url: call.method === 'POST' ? `${base}/call/execute` : `${base}/call/status`,
      method: call.method,
      headers: {
        'Content-Type': 'application/json',
        apiKey: keys.apiKey,
        'user-api-key': keys.userApiKey,
        endpoint: call.endpoint,
        method: call.method,
      },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    }),
  };
}
