/**
 * GET /runs and GET /runs/{runId} from the run ledger (dynalite): authentication first, a
 * credential sees only its flows, filters are checked and named, pages follow the cursor.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDynamo } from '../../../local/state/dynamodb-server.ts';
import type { RunLedger } from '../../../shared/ledger/run-ledger.ts';
import { runNameFor } from '../../../shared/run/run-name.ts';
import { handleWebhookRequest } from '../../../shared/webhook/handle-webhook.ts';
import { getRuns, startLedger, webhookRecord } from './ledger-test-kit.ts';
import { BARE_SIGNING_SECRET, BEARER_TOKEN, bodyOf, getRun, MIXED_TOKEN, signatureHeaders, webhookHarness } from './webhook-test-kit.ts';

let dynamo: LocalDynamo;
let ledger: RunLedger;
const hourly = { authorization: `Bearer ${BEARER_TOKEN}` };
const mixed = { authorization: `Bearer ${MIXED_TOKEN}` };
const clock = { now: () => new Date('2026-03-01T12:00:00.000Z') };
const seeded = {
  hourly: [webhookRecord('hourly-sync', 1), webhookRecord('hourly-sync', 3, { outcome: 'ERROR', endedAt: '2026-03-01T10:05:00.000Z' }), webhookRecord('hourly-sync', 5)],
  mixed: [webhookRecord('mixed-load', 2), webhookRecord('mixed-load', 4)],
};

beforeAll(async () => {
  ({ dynamo, ledger } = await startLedger('list-runs-test'));
  for (const record of [...seeded.hourly, ...seeded.mixed]) await ledger.submitted(record);
  await ledger.checked(seeded.hourly[2]!.runId, { checkedAt: '2026-03-01T10:06:00.000Z', checks: 2, executionStatus: 'RUNNING', currentStep: 'Load facts' });
  await ledger.pause({ flow: 'mixed-load', by: 'alice', reason: 'migration', at: new Date('2026-03-01T09:00:00.000Z') });
});

afterAll(async () => {
  await dynamo.close();
});

afterEach(() => {
  mockClient(SFNClient).restore();
});

const harness = () => webhookHarness({ ledger, clock });
const idsOf = (body: Record<string, unknown>) => (body['runs'] as Array<{ runId: string }>).map((run) => run.runId);

describe('Function: handleWebhookRequest › GET /runs', () => {
  it("lists only the flows the credential opens, newest first, with those flows' pauses", async () => {
    const { deps } = harness();

    const byHourly = bodyOf(await handleWebhookRequest(getRuns({}, hourly), deps));
    const byMixed = bodyOf(await handleWebhookRequest(getRuns({}, mixed), deps));

    expect(idsOf(byHourly)).toEqual([seeded.hourly[2]!.runId, seeded.hourly[1]!.runId, seeded.hourly[0]!.runId]);
    expect(byHourly['paused']).toEqual([]);
    expect(idsOf(byMixed)).toEqual([seeded.mixed[1]!.runId, seeded.mixed[0]!.runId]);
    expect(byMixed['paused']).toEqual([{ flow: 'mixed-load', by: 'alice', reason: 'migration', since: '2026-03-01T09:00:00.000Z' }]);
  });

  it('authenticates against the flow named by flow=, and refuses a credential of another flow', async () => {
    const { deps } = harness();

    const own = await handleWebhookRequest(getRuns({ flow: 'mixed-load' }, signatureHeaders('GET /runs', { secret: BARE_SIGNING_SECRET, id: 'list-1' })), deps);
    const other = await handleWebhookRequest(getRuns({ flow: 'mixed-load' }, hourly), deps);
    const anonymous = await handleWebhookRequest(getRuns({}, {}), deps);

    expect(own.statusCode).toBe(200);
    expect(idsOf(bodyOf(own))).toHaveLength(2);
    expect(other.statusCode).toBe(401);
    expect(anonymous.statusCode).toBe(401);
    expect(other.body).not.toContain('hourly-sync--');
  });

  it('filters by outcome and since (a time or a duration back from now)', async () => {
    const { deps } = harness();

    const errors = bodyOf(await handleWebhookRequest(getRuns({ flow: 'hourly-sync', outcome: 'ERROR' }, hourly), deps));
    const sinceTime = bodyOf(await handleWebhookRequest(getRuns({ since: '2026-03-01T10:02:00Z' }, hourly), deps));
    const sinceDuration = bodyOf(await handleWebhookRequest(getRuns({ since: '1h' }, hourly), deps));

    expect(idsOf(errors)).toEqual([seeded.hourly[1]!.runId]);
    expect(idsOf(sinceTime)).toEqual([seeded.hourly[2]!.runId, seeded.hourly[1]!.runId]);
    expect(idsOf(sinceDuration)).toEqual([]);
  });

  it('pages with limit and next until every run was listed once', async () => {
    const { deps } = harness();

    const first = bodyOf(await handleWebhookRequest(getRuns({ flow: 'hourly-sync', limit: '2' }, hourly), deps));
    const second = bodyOf(await handleWebhookRequest(getRuns({ flow: 'hourly-sync', limit: '2', next: String(first['next']) }, hourly), deps));

    expect([...idsOf(first), ...idsOf(second)]).toEqual(seeded.hourly.map((record) => record.runId).reverse());
    expect(second['next']).toBeUndefined();
  });

  it.each([
    [{ outcome: 'FINE' }, /^outcome: must be one of COMPLETED/],
    [{ limit: '0' }, /^limit: /],
    [{ limit: '101' }, /^limit: /],
    [{ since: 'yesterday' }, /^since: /],
    [{ next: 'bm90LWEtY3Vyc29y' }, /^next: /],
    [{ next: 'not a cursor!' }, /^next: /],
    [{ flow: 'internal-only' }, /^flow: /],
    [{ order: 'asc' }, /^order: unknown filter/],
  ])('answers 400 naming the field for %o', async (query, message) => {
    const { deps } = harness();
    const response = await handleWebhookRequest(getRuns(query, hourly), deps);
    expect(response.statusCode).toBe(400);
    expect(bodyOf(response)).toMatchObject({ error: 'invalid_filter', message: expect.stringMatching(message) });
  });

  it('answers 501 when no run ledger is wired', async () => {
    const { deps } = webhookHarness();
    const response = await handleWebhookRequest(getRuns({}, hourly), deps);
    expect(response.statusCode).toBe(501);
  });
});

describe('Function: handleWebhookRequest › GET /runs/{runId} with a run ledger', () => {
  it('answers from the record with the current step while the run is going', async () => {
    const { deps } = harness();
    const record = seeded.hourly[2]!;

    const response = await handleWebhookRequest(getRun(record.runId, hourly), deps);

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toMatchObject({
      runId: record.runId,
      flow: 'hourly-sync',
      state: 'RUNNING',
      jobId: record.jobId,
      executionStatus: 'RUNNING',
      currentStep: 'Load facts',
      record: { checks: 2, trigger: { kind: 'webhook' }, lastCheckedAt: '2026-03-01T10:06:00.000Z' },
    });
  });

  it('authenticates before saying whether a run exists: 401 for a wrong credential, then 404', async () => {
    const { deps } = harness();
    const unknown = runNameFor('hourly-sync', 'webhook', 'never-sent');

    const wrongCredential = await handleWebhookRequest(getRun(seeded.hourly[0]!.runId, mixed), deps);
    const wrongForUnknown = await handleWebhookRequest(getRun(unknown, mixed), deps);
    const missing = await handleWebhookRequest(getRun(unknown, hourly), deps);

    expect(wrongCredential.statusCode).toBe(401);
    expect(wrongForUnknown.statusCode).toBe(401);
    expect(missing.statusCode).toBe(404);
    expect(bodyOf(missing)).toEqual({ error: 'unknown_run', message: 'no such run' });
  });
});
