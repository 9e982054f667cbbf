import { ValidationError } from '../errors.ts';
import { cloudConnectorTransport } from './cloud-connector-transport.ts';
import { DEFAULT_CLOUD_CONNECTOR_URL, DEFAULT_TIMEOUT_MS } from './constants.ts';
import { HttpDataworqClient } from './http-dataworq-client.ts';
import type { ConnectorKeysSource } from './http-dataworq-client.ts';
import { nativeTransport } from './native-transport.ts';
import type { TransportKind } from './transport.ts';
import type { DataworqClient } from './types.ts';

export interface CreateDataworqClientOptions {
  readonly transport: TransportKind;
  /** Default https://api.quebit.com for cloud-connector; required for native. */
  readonly baseUrl?: string;
  readonly keys: ConnectorKeysSource;
  /** Per request, including reading the answer. Default 10000. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** The one way to get a DataworqClient: picks the transport and applies the defaults. */
export function createDataworqClient(options: CreateDataworqClientOptions): DataworqClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new ValidationError(`DataWORQ client: timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  return new HttpDataworqClient({
    transport: transportFor(options),
    keys: options.keys,
    timeoutMs,
    fetch: options.fetch ?? globalThis.fetch,
  });
}

function transportFor({ transport, baseUrl }: CreateDataworqClientOptions) {
  if (baseUrl !== undefined) assertHttpUrl(baseUrl);
  if (transport === 'cloud-connector') return cloudConnectorTransport(baseUrl ?? DEFAULT_CLOUD_CONNECTOR_URL);
  if (transport === 'native') {
    if (baseUrl === undefined) throw new ValidationError('DataWORQ client: baseUrl is required for the native transport');
    return nativeTransport(baseUrl);
  }
  throw new ValidationError(`DataWORQ client: transport must be cloud-connector or native, got ${JSON.stringify(transport)}`);
}

function assertHttpUrl(baseUrl: string): void {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (error) {
    throw new ValidationError(`DataWORQ client: baseUrl is not a URL: ${JSON.stringify(baseUrl)}`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ValidationError(`DataWORQ client: baseUrl must be http(s), got ${url.protocol}`);
  }
  if (url.search !== '' || url.hash !== '') throw new ValidationError('DataWORQ client: baseUrl must not have a query or fragment');
}
