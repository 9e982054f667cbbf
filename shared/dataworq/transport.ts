import type { TransportKind } from './constants.ts';
import type { ConnectorKeys } from './types.ts';

/** Re-exported for its importers; the union's home is constants.ts. */
export type { TransportKind } from './constants.ts';
export type CallMethod = 'GET' | 'POST';

/** One DataWORQ call, before a transport packs it: the native endpoint, its method, a JSON body. */
export interface DataworqCall {
  readonly method: CallMethod;
  /** Native path with query, e.g. `/api/v1/jobs/<id>?filter=executionStatus`. */
  readonly endpoint: string;
  readonly body?: unknown;
}

export interface HttpRequestSpec {
  readonly url: string;
  readonly method: CallMethod;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** How a call reaches DataWORQ: wrapped for the Cloud Connector, or straight to a DataWORQ server. */
export interface DataworqTransport {
  readonly kind: TransportKind;
  /** The key fields this transport sends; the others may be empty. */
  readonly requiredKeys: readonly (keyof ConnectorKeys)[];
  toRequest(call: DataworqCall, keys: ConnectorKeys): HttpRequestSpec;
}

export function trimTrailingSlashes(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}
