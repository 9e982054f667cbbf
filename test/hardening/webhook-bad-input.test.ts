/**
 * The bad-input corpus: requests a careless or hostile caller could send to the webhook. Each one
 * gets the 4xx a caller can act on, a message naming what is wrong, and starts nothing.
 */
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunLauncher } from '../../shared/model.ts';
import { startWebhookServer } from '../../local/runtime/webhook-server.ts';
import { handleWebhookRequest } from '../../shared/webhook/handle-webhook.ts';
import type { HttpRequest } from '../../shared/webhook/http.ts';
import {
  BEARER_TOKEN,
  bearerPost,
  bodyOf,
  MIXED_TOKEN,
  postRun,
  signatureHeaders,
  signedPost,
  webhookHarness,
} from '../shared/webhook/webhook-test-kit.ts';

const MAX_BODY = 2048; // webhook.maxBodyBytes in the kit's config
const MINUTE = 60_000;

interface BadRequest {
  readonly name: string;
  readonly request: () => HttpRequest;
  readonly status: 400 | 401 | 404 | 405 | 413 | 415;
  readonly error: string;
  readonly message: RegExp;
}

/** A body signed correctly for nightly-load (signature flow), so checks past authentication run. */
const signed = (rawBody: string) => () => signedPost('nightly-load', rawBody);
const withParameters = (parameters: string) => signed(`{"parameters":${parameters}}`);
const ago = (ms: number) => new Date(Date.now() - ms);
const bodyOfSize = (bytes: number) => {
  const frame = '{"parameters":{"LABEL":""}}';
  return `{"parameters":{"LABEL":"${'x'.repeat(bytes - frame.length)}"}}`;
};

const MALFORMED: readonly BadRequest[] = [
  { name: 'truncated JSON', request: signed('{"parameters":{"ROWS":1'), status: 400, error: 'malformed_json', message: /not valid JSON/ },
  { name: 'unquoted keys', request: signed('{parameters:{}}'), status: 400, error: 'malformed_json', message: /not valid JSON/ },
  { name: 'trailing comma', request: signed('{"parameters":{"ROWS":1},}'), status: 400, error: 'malformed_json', message: /not valid JSON/ },
  { name: 'single-quoted strings', request: signed("{'parameters':{}}"), status: 400, error: 'malformed_json', message: /not valid JSON/ },
  { name: 'a bare NaN', request: withParameters('{"RATIO":NaN}'), status: 400, error: 'malformed_json', message: /not valid JSON/ },
  { name: 'a bare Infinity', request: withParameters('{"RATIO":Infinity}'), status: 400, error: 'malformed_json', message: /not valid JSON/ },
  { name: 'a JSON list body', request: signed('[]'), status: 400, error: 'invalid_body', message: /must be a JSON object/ },
  { name: 'a JSON string body', request: signed('"run it"'), status: 400, error: 'invalid_body', message: /must be a JSON object/ },
  { name: 'a JSON null body', request: signed('null'), status: 400, error: 'invalid_body', message: /must be a JSON object/ },
];

const ENVELOPE: readonly BadRequest[] = [
  { name: 'text/plain', request: () => { const r = signedPost('nightly-load', {}); return { ...r, headers: { ...r.headers, 'content-type': 'text/plain' } }; }, status: 415, error: 'unsupported_media_type', message: /application\/json/ },
  { name: 'a form body', request: () => postRun('nightly-load', 'ROWS=1', { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders('ROWS=1') }), status: 415, error: 'unsupported_media_type', message: /application\/json/ },
  { name: 'multipart', request: () => postRun('nightly-load', '--x--', { 'content-type': 'multipart/form-data; boundary=x', ...signatureHeaders('--x--') }), status: 415, error: 'unsupported_media_type', message: /application\/json/ },
  { name: 'JSON in Latin-1', request: () => postRun('nightly-load', '{}', { 'content-type': 'application/json; charset=iso-8859-1', ...signatureHeaders('{}') }), status: 415, error: 'unsupported_media_type', message: /UTF-8/ },
  { name: 'a body without a content-type', request: () => { const r = signedPost('nightly-load', {}); const { 'content-type': _, ...headers } = r.headers; return { ...r, headers }; }, status: 415, error: 'unsupported_media_type', message: /application\/json/ },
  { name: 'a body one byte over the limit', request: signed(bodyOfSize(MAX_BODY + 1)), status: 413, error: 'body_too_large', message: new RegExp(`${MAX_BODY + 1} bytes; at most ${MAX_BODY}`) },
  { name: 'a body over the limit in multi-byte characters', request: signed(`{"parameters":{"LABEL":"${'€'.repeat(700)}"}}`), status: 413, error: 'body_too_large', message: /at most 2048/ },
  { name: 'a megabyte body', request: signed(`{"parameters":{"LABEL":"${'x'.repeat(1024 * 1024)}"}}`), status: 413, error: 'body_too_large', message: /at most 2048/ },
  { name: 'GET on the runs path', request: () => ({ ...signedPost('nightly-load', {}), method: 'GET' }), status: 405, error: 'method_not_allowed', message: /use POST/ },
  { name: 'an unknown path', request: () => ({ ...signedPost('nightly-load', {}), path: '/flows/nightly-load/start' }), status: 404, error: 'not_found', message: /no such route/ },
];

const CREDENTIALS: readonly BadRequest[] = [
  { name: 'no signature headers', request: () => postRun('nightly-load', '{}', {}), status: 401, error: 'missing_credentials', message: /no signature headers/ },
  { name: 'a signature without webhook-id', request: () => { const { 'webhook-id': _, ...rest } = signatureHeaders('{}'); return postRun('nightly-load', '{}', rest); }, status: 401, error: 'missing_credentials', message: /missing webhook-id header/ },
  { name: 'a signature signed with another secret', request: () => signedPost('nightly-load', '{}', { secret: 'whsec_QW5vdGhlclNlY3JldEFub3RoZXJTZWNyZXQ=' }), status: 401, error: 'invalid_signature', message: /^invalid signature$/ },
  { name: 'a body changed after signing', request: () => signedPost('nightly-load', '{"parameters":{"ROWS":9999}}', { signedBody: '{"parameters":{"ROWS":1}}' }), status: 401, error: 'invalid_signature', message: /^invalid signature$/ },
  { name: 'a stale timestamp (10 minutes old)', request: () => signedPost('nightly-load', '{}', { timestamp: ago(10 * MINUTE) }), status: 401, error: 'invalid_signature', message: /more than 5 minutes old/ },
  { name: 'a future timestamp (10 minutes ahead)', request: () => signedPost('nightly-load', '{}', { timestamp: ago(-10 * MINUTE) }), status: 401, error: 'invalid_signature', message: /more than 5 minutes ahead/ },
  { name: 'a timestamp that is not a number', request: () => postRun('nightly-load', '{}', { ...signatureHeaders('{}'), 'webhook-timestamp': 'yesterday' }), status: 401, error: 'invalid_signature', message: /Unix seconds/ },
  { name: 'a signature in an unknown scheme', request: () => postRun('nightly-load', '{}', { ...signatureHeaders('{}'), 'webhook-signature': 'v9,AAAA' }), status: 401, error: 'invalid_signature', message: /^invalid signature$/ },
  { name: 'a replayed signature under a new webhook-id', request: () => postRun('nightly-load', '{}', { ...signatureHeaders('{}'), 'webhook-id': 'msg_replayed-elsewhere' }), status: 401, error: 'invalid_signature', message: /^invalid signature$/ },
  { name: 'a delivery replayed after the tolerance window', request: () => signedPost('nightly-load', '{}', { id: 'msg_captured-yesterday', timestamp: ago(24 * 60 * MINUTE) }), status: 401, error: 'invalid_signature', message: /5 minutes old/ },
  { name: 'a wrong bearer token', request: () => bearerPost('hourly-sync', {}, 'tok-guessed'), status: 401, error: 'invalid_token', message: /^invalid token$/ },
  { name: 'another flow\'s bearer token', request: () => bearerPost('hourly-sync', {}, MIXED_TOKEN), status: 401, error: 'invalid_token', message: /^invalid token$/ },
  { name: 'Basic instead of Bearer', request: () => postRun('hourly-sync', '{}', { authorization: `Basic ${Buffer.from(`u:${BEARER_TOKEN}`).toString('base64')}` }), status: 401, error: 'invalid_token', message: /expected Authorization: Bearer/ },
  { name: 'an empty bearer token', request: () => postRun('hourly-sync', '{}', { authorization: 'Bearer ' }), status: 401, error: 'invalid_token', message: /expected Authorization: Bearer/ },
  { name: 'a signature sent to a bearer-only flow', request: () => postRun('hourly-sync', '{}', signatureHeaders('{}')), status: 401, error: 'missing_credentials', message: /Authorization: Bearer/ },
  { name: 'an Idempotency-Key that is not printable ASCII', request: () => bearerPost('hourly-sync', {}, BEARER_TOKEN, { 'idempotency-key': 'clé\u0001' }), status: 400, error: 'invalid_idempotency_key', message: /Idempotency-Key must be 1-255 printable ASCII/ },
  { name: 'an Idempotency-Key of 300 characters', request: () => bearerPost('hourly-sync', {}, BEARER_TOKEN, { 'idempotency-key': 'k'.repeat(300) }), status: 400, error: 'invalid_idempotency_key', message: /1-255/ },
];

const FLOWS: readonly BadRequest[] = [
  // Authenticate first (issue #12, point 5): an unknown flow is refused like a bad credential.
  { name: 'an unknown flow', request: () => signedPost('nightly-laod', {}), status: 401, error: 'invalid_signature', message: /^invalid signature$/ },
  { name: 'a flow without a webhook section', request: () => signedPost('internal-only', {}), status: 401, error: 'invalid_signature', message: /^invalid signature$/ },
  { name: 'a __proto__ flow', request: () => signedPost('__proto__', {}), status: 401, error: 'invalid_signature', message: /^invalid signature$/ },
  { name: 'a constructor flow', request: () => signedPost('constructor', {}), status: 401, error: 'invalid_signature', message: /^invalid signature$/ },
  { name: 'a 5,000-character flow name', request: () => signedPost('f'.repeat(5000), {}), status: 401, error: 'invalid_signature', message: /^invalid signature$/ },
  { name: 'an unknown flow, with a bearer guess', request: () => bearerPost('nightly-laod', {}), status: 401, error: 'invalid_token', message: /^invalid token$/ },
  { name: 'an unknown flow, without credentials', request: () => postRun('nightly-laod', '{}', {}), status: 401, error: 'missing_credentials', message: /Authorization: Bearer/ },
];

const PARAMETERS: readonly BadRequest[] = [
  { name: 'a parameter outside the allowlist', request: withParameters('{"REGION":"us"}'), status: 400, error: 'invalid_request', message: /parameter 'REGION' of flow 'nightly-load' may not be set by the caller \(allowed: ROWS, RATIO, LABEL\)/ },
  { name: 'an undeclared parameter', request: withParameters('{"DROP_TABLES":"yes"}'), status: 400, error: 'invalid_request', message: /unknown parameter 'DROP_TABLES'/ },
  { name: 'a string for an integer', request: withParameters('{"ROWS":"12"}'), status: 400, error: 'invalid_request', message: /'ROWS'.*must be an integer \(got a string\)/ },
  { name: '1.5 for an integer', request: withParameters('{"ROWS":1.5}'), status: 400, error: 'invalid_request', message: /'ROWS'.*must be an integer \(got the number 1.5\)/ },
  { name: '1e400 for an integer', request: withParameters('{"ROWS":1e400}'), status: 400, error: 'invalid_request', message: /'ROWS'.*must be an integer \(got Infinity\)/ },
  { name: 'a huge integer', request: withParameters('{"ROWS":123456789012345678901234567890}'), status: 400, error: 'invalid_request', message: /'ROWS'.*between -9007199254740991 and 9007199254740991/ },
  { name: 'true for an integer', request: withParameters('{"ROWS":true}'), status: 400, error: 'invalid_request', message: /'ROWS'.*must be an integer \(got true\)/ },
  { name: 'null for an integer', request: withParameters('{"ROWS":null}'), status: 400, error: 'invalid_request', message: /'ROWS'.*must be an integer \(got null\)/ },
  { name: '1e400 for a float', request: withParameters('{"RATIO":1e400}'), status: 400, error: 'invalid_request', message: /'RATIO'.*must be a finite number \(got Infinity\)/ },
  { name: 'a string for a float', request: withParameters('{"RATIO":"0.5"}'), status: 400, error: 'invalid_request', message: /'RATIO'.*must be a finite number \(got a string\)/ },
  { name: 'a number for a string', request: withParameters('{"LABEL":7}'), status: 400, error: 'invalid_request', message: /'LABEL'.*must be a string \(got the number 7\)/ },
  { name: 'a list for a parameter', request: withParameters('{"ROWS":[1,2]}'), status: 400, error: 'invalid_parameter', message: /parameter ROWS: must be a string or a number, not a list/ },
  { name: 'deep nesting inside a parameter', request: withParameters(`{"ROWS":${'{"a":'.repeat(300)}1${'}'.repeat(300)}}`), status: 400, error: 'invalid_parameter', message: /parameter ROWS: .*not an object/ },
  { name: 'deep nesting in the body', request: signed(`{"parameters":{},"x":${'['.repeat(900)}${']'.repeat(900)}}`), status: 400, error: 'unknown_field', message: /unknown field "x"/ },
  { name: 'parameters as a list', request: withParameters('[["ROWS",1]]'), status: 400, error: 'invalid_body', message: /parameters must be an object/ },
  { name: 'a __proto__ parameter', request: withParameters('{"__proto__":{"ROWS":1}}'), status: 400, error: 'invalid_body', message: /parameter name "__proto__" is not allowed/ },
  { name: 'a constructor parameter', request: withParameters('{"constructor":1}'), status: 400, error: 'invalid_body', message: /parameter name "constructor" is not allowed/ },
  { name: 'a top-level __proto__ key', request: signed('{"__proto__":{"isAdmin":true}}'), status: 400, error: 'invalid_body', message: /field "__proto__" is not allowed/ },
  { name: 'a top-level constructor key', request: signed('{"constructor":{"prototype":{}}}'), status: 400, error: 'invalid_body', message: /field "constructor" is not allowed/ },
  { name: 'an unknown top-level field', request: signed('{"flowId":"99999999-9999-4999-8999-999999999999"}'), status: 400, error: 'unknown_field', message: /unknown field "flowId" \(allowed: parameters, runProfileName, notificationEnabled, logicalTime\)/ },
  { name: 'a NUL in a string value', request: withParameters('{"LABEL":"a\\u0000b"}'), status: 400, error: 'invalid_parameter', message: /parameter LABEL: control characters are not allowed/ },
  { name: 'an escape sequence in a string value', request: withParameters('{"LABEL":"\\u001b[31mred"}'), status: 400, error: 'invalid_parameter', message: /parameter LABEL: control characters/ },
  { name: 'a newline in a parameter name', request: withParameters('{"RO\\nWS":1}'), status: 400, error: 'invalid_body', message: /parameter name is empty or contains control characters/ },
  { name: 'an empty parameter name', request: withParameters('{"":1}'), status: 400, error: 'invalid_body', message: /parameter name is empty/ },
  { name: 'a 200-character parameter name', request: withParameters(`{"${'P'.repeat(200)}":1}`), status: 400, error: 'invalid_body', message: /parameter name is longer than 128 characters/ },
  { name: 'a 200-character run profile', request: signed(`{"runProfileName":"${'r'.repeat(200)}"}`), status: 400, error: 'invalid_body', message: /runProfileName is longer than 128 characters/ },
  { name: 'a run profile with a line break', request: signed('{"runProfileName":"nightly\\r\\nX-Injected: 1"}'), status: 400, error: 'invalid_body', message: /runProfileName must not contain control characters/ },
  { name: 'a run profile on a flow that forbids overriding it', request: () => bearerPost('hourly-sync', { runProfileName: 'weekend' }), status: 400, error: 'invalid_request', message: /flow 'hourly-sync' does not allow overriding runProfileName/ },
  { name: 'notificationEnabled as a string', request: signed('{"notificationEnabled":"yes"}'), status: 400, error: 'invalid_body', message: /notificationEnabled must be true or false/ },
];

const CORPUS: readonly BadRequest[] = [...MALFORMED, ...ENVELOPE, ...CREDENTIALS, ...FLOWS, ...PARAMETERS];

describe('Webhook: bad input', () => {
  afterEach(() => {
    mockClient(SFNClient).restore();
  });

  it('has a corpus of at least 40 requests', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CORPUS)('answers $status $error to $name, and starts nothing', async ({ request, status, error, message }) => {
    // Prepare
    const { sfn, deps } = webhookHarness();
    const starts: string[] = [];
    const launcher: RunLauncher = {
      start: (name, input) => {
        starts.push(name);
        return deps.launcher.start(name, input);
      },
      describe: (runId) => deps.launcher.describe(runId),
    };

    // Act
    const response = await handleWebhookRequest(request(), { ...deps, launcher });

    // Assess
    expect(response.statusCode).toBe(status);
    expect(bodyOf(response)).toEqual({ error, message: expect.stringMatching(message) });
    expect(starts).toEqual([]);
    expect(sfn.client.commandCalls(StartExecutionCommand)).toHaveLength(0);
    expect(sfn.executions.size).toBe(0);
  });
});

describe('Webhook: bad input over HTTP (local server, 127.0.0.1)', () => {
  afterEach(() => {
    mockClient(SFNClient).restore();
  });

  const overHttp: readonly { name: string; body: string; contentType?: string; status: number; error: string }[] = [
    { name: 'a 5 MB upload', body: `{"parameters":{"LABEL":"${'x'.repeat(5 * 1024 * 1024)}"}}`, contentType: 'application/json', status: 413, error: 'body_too_large' },
    { name: 'a text/plain body', body: '{}', contentType: 'text/plain;charset=UTF-8', status: 415, error: 'unsupported_media_type' },
    { name: 'an XML body', body: '<run/>', contentType: 'application/xml', status: 415, error: 'unsupported_media_type' },
  ];

  it.each(overHttp)('answers $status $error to $name, and starts nothing', async ({ body, contentType, status, error }) => {
    // Prepare
    const { sfn, deps } = webhookHarness();
    const server = await startWebhookServer({ deps, host: '127.0.0.1', port: 0 });

    try {
      // Act
      const response = await fetch(`${server.url}/flows/nightly-load/runs`, {
        method: 'POST',
        headers: { ...signatureHeaders(body), ...(contentType ? { 'content-type': contentType } : {}) },
        body,
      });

      // Assess
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: string }).error).toBe(error);
      expect(sfn.client.commandCalls(StartExecutionCommand)).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});
