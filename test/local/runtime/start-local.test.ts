import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { readOutbox } from '../../../local/runtime/outbox-publisher.ts';
import type { LocalHandle, StartLocalOptions } from '../../../local/runtime/start-local.ts';
import { loadConfig } from '../../../shared/config/load.ts';
import { capturedOutput, localStarter, signedPost, webhookTestOptions } from './support/local-kit.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const config = loadConfig();
const startLocal = localStarter(config);

async function start(options: Partial<StartLocalOptions> = {}) {
  const out = capturedOutput();
  const handle = await startLocal({ ...webhookTestOptions(SECRET), out, ...options });
  return { local: handle, out };
}

async function runToEnd(local: LocalHandle, runId: string) {
  await local.executor.get(runId)?.done;
  return local.executor.get(runId);
}

describe('Function: startLocal', () => {
  it('runs a signed webhook call to its end and writes exactly one alert with its outcome', async () => {
    // Prepare
    const { local } = await start();

    // Act
    const answer = await signedPost(local.url, 'demo-load', SECRET, '{"parameters":{"ROWS":250}}');
    await runToEnd(local, String(answer.body['runId']));

    // Assess
    expect(answer.status).toBe(202);
    const alerts = readOutbox(local.outboxPath);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.attributes).toMatchObject({ outcome: 'COMPLETED', flow: 'demo-load', severity: 'info' });
    expect(alerts[0]?.deliveredTo).toEqual(['ops-email']);
    expect(alerts[0]?.bodies.email).toContain('ROWS=250');
  });

  it('reports the finished run on GET /runs/{runId}, authenticated like the POST', async () => {
    // Prepare
    const { local } = await start();
    const { body } = await signedPost(local.url, 'demo-load', SECRET);
    const runId = String(body['runId']);
    await runToEnd(local, runId);
    const id = `msg_${crypto.randomUUID()}`;
    const now = new Date();

    // Act
    const response = await fetch(String(body['statusUrl']), {
      headers: { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': new Webhook(SECRET).sign(id, now, `GET /runs/${runId}`) },
    });

    // Assess
    expect(body['statusUrl']).toBe(`${local.url}/runs/${runId}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ runId, flow: 'demo-load', state: 'SUCCEEDED', outcome: 'COMPLETED', executionStatus: 'COMPLETED' });
  });

  it('alerts ERROR to email and SMS subscribers when the flow fails in DataWORQ', async () => {
    // Prepare
    const { local, out } = await start();

    // Act
    const answer = await signedPost(local.url, 'broken-export', SECRET);
    const run = await runToEnd(local, String(answer.body['runId']));

    // Assess
    expect(run?.latest?.outcome).toBe('ERROR');
    const alerts = readOutbox(local.outboxPath);
    expect(alerts.map((alert) => alert.attributes.outcome)).toEqual(['ERROR']);
    expect(alerts[0]?.deliveredTo).toEqual(['ops-email', 'oncall-sms']);
    expect(alerts[0]?.bodies.email).toContain('ORA-12541: TNS:no listener');
    expect(out.text()).toContain('ALERT ERROR (critical) flow=broken-export');
  });

  it('refuses a call signed with another secret and starts nothing', async () => {
    // Prepare
    const { local } = await start();

    // Act
    const answer = await signedPost(local.url, 'demo-load', 'whsec_Q2hhbmdlTWVQbGVhc2VUaGlzSXNBVGVz');

    // Assess
    expect(answer).toEqual({ status: 401, body: { error: 'invalid_signature', message: 'invalid signature' } });
    expect(local.executor.list()).toHaveLength(0);
    expect(readOutbox(local.outboxPath)).toEqual([]);
  });

  it('refuses a body over the configured limit with 413 before reading it all', async () => {
    // Prepare
    const { local } = await start();
    const body = JSON.stringify({ parameters: { TABLENAME: 'x'.repeat(config.webhook.maxBodyBytes * 4) } });

    // Act
    const answer = await signedPost(local.url, 'demo-load', SECRET, body);

    // Assess
    expect(answer.status).toBe(413);
    expect(answer.body['error']).toBe('body_too_large');
    expect(local.executor.list()).toHaveLength(0);
  });

  it('triggers the demo run through its own webhook and alerts its outcome', async () => {
    // Prepare
    const { local: started, out } = await start({ demo: true, env: {} });

    // Act
    const run = await runToEnd(started, started.demo?.runId ?? '');

    // Assess
    expect(started.demo).toMatchObject({ flow: 'demo-load', status: 202 });
    expect(run?.input.trigger.kind).toBe('webhook');
    expect(readOutbox(started.outboxPath).map((alert) => alert.attributes.outcome)).toEqual(['COMPLETED']);
    expect(out.text()).toContain(`[demo] POST /flows/demo-load/runs answered 202: run ${started.demo?.runId}`);
  });

  it('prints generated credentials with a curl example, and never one taken from the environment', async () => {
    // Prepare
    const token = 'tok-from-the-environment-7Yc3nJ9qLw2Rv8Xk5Pz1';

    // Act
    const { local, out } = await start({ env: { DWQ_WEBHOOK_TOKEN: token } });

    // Assess
    const text = out.text();
    expect(text).toContain(`signing   ${local.credentials.signingSecret}  (generated; set DWQ_WEBHOOK_SECRET to keep one)`);
    expect(text).toContain('token     from DWQ_WEBHOOK_TOKEN');
    expect(text).not.toContain(token);
    expect(text).toMatch(new RegExp(`curl -sS -X POST ${local.url}/flows/demo-load/runs -H 'content-type: application/json' -H 'webhook-id: msg_[0-9a-f]+'`));
  });

  it('stops cleanly: runs aborted, webhook closed, every outbox line whole', async () => {
    // Prepare
    const { local } = await start({ speed: 1 });
    const answer = await signedPost(local.url, 'demo-load', SECRET);

    // Act
    await local.close();

    // Assess
    expect(answer.status).toBe(202);
    expect(local.executor.get(String(answer.body['runId']))?.state).toBe('FAILED');
    expect(() => readOutbox(local.outboxPath)).not.toThrow();
    await expect(fetch(`${local.url}/runs/x`)).rejects.toThrow();
  });
});
