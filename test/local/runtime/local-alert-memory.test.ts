import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_CATALOGUE } from '../../../local/emulator/catalogue.ts';
import { readOutbox } from '../../../local/runtime/outbox-publisher.ts';
import { type LocalHandle, startLocal } from '../../../local/runtime/start-local.ts';
import { loadConfig } from '../../../shared/config/load.ts';
import { definitionFor, signedPost, webhookTestOptions } from './support/local-kit.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const config = loadConfig();
let local: LocalHandle;

beforeAll(async () => {
  local = await startLocal({ ...webhookTestOptions(SECRET), config, definition: await definitionFor(config) });
});

afterAll(() => local.close());

async function runOnce(flow: string) {
  const answer = await signedPost(local.url, flow, SECRET);
  await local.executor.get(String(answer.body['runId']))?.done;
}

describe('Local mode: alert memory', () => {
  it('keeps a repeated failure off SMS and tells everyone when the flow recovers', async () => {
    // Prepare: broken-export fails twice, then is fixed in the emulator.
    await runOnce('broken-export');
    await runOnce('broken-export');
    local.connection.emulator?.addFlow({ ...EMULATOR_CATALOGUE['broken-export'], outcome: 'COMPLETED' });

    // Act
    await runOnce('broken-export');

    // Assess
    const alerts = readOutbox(local.outboxPath).map((alert) => ({ outcome: alert.attributes.outcome, alert: alert.attributes.alert, to: alert.deliveredTo }));
    expect(alerts).toEqual([
      { outcome: 'ERROR', alert: 'new', to: ['ops-email', 'oncall-sms'] },
      { outcome: 'ERROR', alert: 'repeat', to: [] },
      { outcome: 'RECOVERED', alert: 'new', to: ['ops-email', 'oncall-sms'] },
    ]);
  });
});
