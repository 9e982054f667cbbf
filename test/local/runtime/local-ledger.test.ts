/**
 * Local mode keeps the run ledger as AWS does (dynalite): a run started through the local webhook
 * is listed by GET /runs with its outcome and the subscribers its alert reached.
 */
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../shared/config/load.ts';
import { localStarter, signedPost, webhookTestOptions } from './support/local-kit.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const config = loadConfig();
const startLocal = localStarter(config);

function signedGet(url: string) {
  const id = `msg_${crypto.randomUUID()}`;
  const now = new Date();
  return fetch(url, { headers: { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': new Webhook(SECRET).sign(id, now, `GET ${new URL(url).pathname}`) } });
}

describe('Local mode › run ledger', () => {
  it('lists a finished webhook run on GET /runs with its outcome, job and alert', async () => {
    // Prepare
    const handle = await startLocal(webhookTestOptions(SECRET));
    const { body } = await signedPost(handle.url, 'demo-load', SECRET);
    const runId = String(body['runId']);
    await handle.executor.get(runId)?.done;

    // Act
    const response = await signedGet(`${handle.url}/runs?flow=demo-load&limit=5`);
    const listed = (await response.json()) as { runs: Array<Record<string, any>> };

    // Assess
    expect(response.status).toBe(200);
    expect(listed.runs).toHaveLength(1);
    expect(listed.runs[0]).toMatchObject({ runId, flow: 'demo-load', state: 'ENDED', outcome: 'COMPLETED', trigger: { kind: 'webhook' } });
    expect(listed.runs[0]?.['jobId']).toBeTruthy();
    expect(listed.runs[0]?.['alert']).toMatchObject({ outcome: 'COMPLETED', matchedSubscribers: ['ops-email'] });
  });
});
