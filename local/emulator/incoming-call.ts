import type { IncomingHttpHeaders } from 'node:http';
import { JOBS_PATH } from '../../shared/dataworq/constants.ts';
import type { ConnectorKeys } from '../../shared/dataworq/types.ts';
import { answers } from './answers.ts';
import type { EmulatorAnswer } from './answers.ts';
import { resolveNativeEndpoint } from './native-endpoint.ts';
import type { NativeOperation } from './native-endpoint.ts';
import type { EmulatorTransport } from './types.ts';

/** A request as DataWORQ would understand it, or the reason it would refuse it. */
export interface IncomingCall {
  readonly transport: EmulatorTransport | undefined;
  readonly endpoint: string | undefined;
  readonly operation: NativeOperation | undefined;
  /** Set when the request must be refused before any operation runs. */
  readonly refusal: EmulatorAnswer | undefined;
}

const CONNECTOR_PATHS: Record<string, { method: string; kinds: readonly string[] }> = {
  '/call/execute': { method: 'POST', kinds: ['execute'] },
  '/call/status': { method: 'GET', kinds: ['status', 'list'] },
};

/**
 * Unpacks a Cloud Connector request (native call in the `endpoint` and `method` headers, both keys
 * required) or reads a native one (the URL itself, `user-api-key` alone). Wrong or missing keys and
 * headers get DataWORQ's short 400; the answer never repeats a key.
 */
export function readIncomingCall(method: string, url: string, headers: IncomingHttpHeaders, keys: ConnectorKeys): IncomingCall {
  const path = url.split('?')[0] ?? url;
  const connector = CONNECTOR_PATHS[path];
  if (connector !== undefined) return readConnectorCall(method, headers, keys, connector);
  if (path === JOBS_PATH || path.startsWith(`${JOBS_PATH}/`)) return readNativeCall(method, url, headers, keys);
  return { transport: undefined, endpoint: undefined, operation: undefined, refusal: answers.text('Not Found', 404) };
}

function readConnectorCall(
  method: string,
  headers: IncomingHttpHeaders,
  keys: ConnectorKeys,
  expected: { method: string; kinds: readonly string[] },
): IncomingCall {
  const endpoint = header(headers, 'endpoint');
  const innerMethod = header(headers, 'method')?.toUpperCase();
  const operation = endpoint === undefined || innerMethod === undefined ? undefined : resolveNativeEndpoint(innerMethod, endpoint);
  const wellFormed =
    method === expected.method &&
    innerMethod === expected.method &&
    operation !== undefined &&
    expected.kinds.includes(operation.kind) &&
    (method !== 'POST' || isJson(headers));
  const authorised = header(headers, 'apikey') === keys.apiKey && header(headers, 'user-api-key') === keys.userApiKey;
  const refusal = wellFormed && authorised ? undefined : answers.badRequest();
  return { transport: 'cloud-connector', endpoint, operation, refusal };
}

function readNativeCall(method: string, url: string, headers: IncomingHttpHeaders, keys: ConnectorKeys): IncomingCall {
  const operation = resolveNativeEndpoint(method, url);
  let refusal: EmulatorAnswer | undefined;
  if (operation === undefined) refusal = answers.text('Not Found', 404);
  else if (header(headers, 'user-api-key') !== keys.userApiKey) refusal = answers.badRequest();
  else if (method === 'POST' && !isJson(headers)) refusal = answers.badRequest();
  return { transport: 'native', endpoint: url, operation, refusal };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isJson(headers: IncomingHttpHeaders): boolean {
  return /^application\/json\b/i.test(header(headers, 'content-type') ?? '');
}
