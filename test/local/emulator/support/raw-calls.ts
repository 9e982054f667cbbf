import type { ConnectorKeys } from '../../../../shared/dataworq/types.ts';

export interface RawAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** A Cloud Connector call built by hand, so emulator tests check the wire, not our client. */
export async function connectorCall(
  baseUrl: string,
  keys: ConnectorKeys,
  endpoint: string,
  options: { method?: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string | undefined> } = {},
): Promise<RawAnswer> {
  const method = options.method ?? (endpoint === '/api/v1/jobs' && options.body !== undefined ? 'POST' : 'GET');
  const headers: Record<string, string | undefined> = {
    'Content-Type': 'application/json',
    apiKey: keys.apiKey,
    'user-api-key': keys.userApiKey,
    endpoint,
    method,
    ...options.headers,
  };
  const response = await fetch(`${baseUrl}/call/${method === 'POST' ? 'execute' : 'status'}`, {
    method,
    headers: definedOnly(headers),
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** A native call (`user-api-key` only). */
export async function nativeCall(
  baseUrl: string,
  userApiKey: string,
  endpoint: string,
  options: { method?: 'GET' | 'POST'; body?: unknown } = {},
): Promise<RawAnswer> {
  const response = await fetch(`${baseUrl}${endpoint}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: { 'Content-Type': 'application/json', 'user-api-key': userApiKey },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** Submits a job by hand and returns its id. */
export async function submitJob(baseUrl: string, keys: ConnectorKeys, flowId: string, parameters: unknown[] = []): Promise<string> {
  const answer = await connectorCall(baseUrl, keys, '/api/v1/jobs', {
    body: { flowId, runProfileName: 'default', notificationEnabled: false, parameters },
  });
  if (answer.status !== 200) throw new Error(`submit failed: ${answer.status} ${answer.text}`);
  return (JSON.parse(answer.text) as { jobId: string }).jobId;
}

function definedOnly(headers: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
