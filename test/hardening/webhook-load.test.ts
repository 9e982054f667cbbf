/**
 * Load on the local webhook server (127.0.0.1): 200 concurrent authenticated calls, 50 of them
 * repeats of earlier deliveries. A repeat must never start a second run, and every caller must
 * get an answer it can act on (no 5xx).
 */
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookServer, type WebhookServer } from '../../local/runtime/webhook-server.ts';
import { BEARER_TOKEN, signatureHeaders, webhookHarness } from '../shared/webhook/webhook-test-kit.ts';

interface Call {
  readonly flow: string;
  readonly key: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Index of the original call this one repeats. */
  readonly repeats?: number;
}

const SIGNED = 100;
const BEARER = 50;
const REPEATS = 50;

function signedCall(index: number, timestamp: Date): Call {
  const key = `msg_load-${index.toString().padStart(4, '0')}`;
  const body = JSON.stringify({ parameters: { ROWS: index + 1 } });
  return { flow: 'nightly-load', key, body, headers: { 'content-type': 'application/json', ...signatureHeaders(body, { id: key, timestamp }) } };
}

function bearerCall(index: number): Call {
  const key = `load-key-${index.toString().padStart(4, '0')}`;
  return { flow: 'hourly-sync', key, body: '{}', headers: { 'content-type': 'application/json', authorization: `Bearer ${BEARER_TOKEN}`, 'idempotency-key': key } };
}

/** 150 originals; then 50 repeats: exact replays, re-signed retries (new timestamp) and bearer retries. */
function corpus(): Call[] {
  const earlier = new Date(Date.now() - 30_000);
  const originals = [
    ...Array.from({ length: SIGNED }, (_, i) => signedCall(i, earlier)),
    ...Array.from({ length: BEARER }, (_, i) => bearerCall(i)),
  ];
  const repeats = Array.from({ length: REPEATS }, (_, i): Call => {
    const index = i * 3; // spread over both flows
    const original = originals[index]!;
    if (original.flow === 'hourly-sync') return { ...bearerCall(index - SIGNED), repeats: index };
    const resent = i % 2 === 0 ? original : signedCall(index, new Date());
    return { ...resent, repeats: index };
  });
  return [...originals, ...repeats];
}

let server: WebhookServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  mockClient(SFNClient).restore();
});

describe('Webhook under load (local server)', () => {
  it('starts exactly one run per delivery and answers every repeat with its original run id', async () => {
    // Prepare
    const { sfn, deps } = webhookHarness();
    server = await startWebhookServer({ deps, host: '127.0.0.1', port: 0 });
    const calls = corpus();
    expect(calls).toHaveLength(SIGNED + BEARER + REPEATS);

    // Act: all 200 at once.
    const answers = await Promise.all(
      calls.map(async (call) => {
        const response = await fetch(`${server!.url}/flows/${call.flow}/runs`, { method: 'POST', headers: call.headers, body: call.body });
        return { status: response.status, body: (await response.json()) as { runId?: string; duplicate?: boolean; error?: string } };
      }),
    );

    // Assess
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    expect(answers.map((answer) => answer.status)).toEqual(calls.map(() => 202));
    const runIds = answers.map((answer) => answer.body.runId);
    expect(new Set(runIds).size).toBe(SIGNED + BEARER);
    expect(sfn.executions.size).toBe(SIGNED + BEARER);
    calls.forEach((call, index) => {
      if (call.repeats !== undefined) expect(runIds[index]).toBe(runIds[call.repeats]);
    });
    const started = new Set(sfn.client.commandCalls(StartExecutionCommand).map((command) => command.args[0].input.name));
    expect(started).toEqual(new Set(runIds));
  });
});
