/** GET /runs and GET /runs/{runId} with named callers: each caller sees the runs of its own flows only. */
import { SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDynamo } from '../../../local/state/dynamodb-server.ts';
import { parseConfig } from '../../../shared/config/load.ts';
import type { RunLedger } from '../../../shared/ledger/run-ledger.ts';
import { namedCallerKey } from '../../../shared/webhook/callers.ts';
import { handleWebhookRequest } from '../../../shared/webhook/handle-webhook.ts';
import { StaticWebhookSecrets } from '../../../shared/webhook/static-webhook-secrets.ts';
import { getRuns, startLedger, webhookRecord } from './ledger-test-kit.ts';
import { bodyOf, getRun, webhookHarness } from './webhook-test-kit.ts';

const config = parseConfig(`
webhook:
  callers:
    - { name: planning, auth: bearer, flows: [load-a] }
    - { name: reporting, auth: bearer, flows: [report] }
flows:
  load-a: { flowId: 2932ca30-8871-48b1-8e9b-90b744020b68, webhook: {} }
  report: { flowId: f21bf040-c22b-454e-8561-2115e90aaa55, webhook: {} }
`, 'caller runs config');
const PLANNING = { authorization: 'Bearer planning-token-7Yc3nJ9qLw2Rv8Xk5Pz1' };
const REPORTING = { authorization: 'Bearer reporting-token-Zq8Lp3Vn6Wr1Ty4Ux7Ib0' };
const secrets = new StaticWebhookSecrets({
  [namedCallerKey('planning')]: { token: 'planning-token-7Yc3nJ9qLw2Rv8Xk5Pz1' },
  [namedCallerKey('reporting')]: { token: 'reporting-token-Zq8Lp3Vn6Wr1Ty4Ux7Ib0' },
});
const records = { load: webhookRecord('load-a', 1), report: webhookRecord('report', 2) };

let dynamo: LocalDynamo;
let ledger: RunLedger;

beforeAll(async () => {
  ({ dynamo, ledger } = await startLedger('caller-runs-test'));
  for (const record of Object.values(records)) await ledger.submitted(record);
});

afterAll(async () => {
  await dynamo.close();
});

afterEach(() => {
  mockClient(SFNClient).restore();
});

describe('Function: handleWebhookRequest › runs of named callers', () => {
  it("lists only the runs of the caller's own flows, and refuses a flow= of another caller", async () => {
    // Prepare
    const { deps } = webhookHarness({ config, secrets, ledger });

    // Act
    const planning = bodyOf(await handleWebhookRequest(getRuns({}, PLANNING), deps));
    const reporting = bodyOf(await handleWebhookRequest(getRuns({}, REPORTING), deps));
    const other = await handleWebhookRequest(getRuns({ flow: 'report' }, PLANNING), deps);

    // Assess
    expect((planning['runs'] as Array<{ runId: string }>).map((run) => run.runId)).toEqual([records.load.runId]);
    expect((reporting['runs'] as Array<{ runId: string }>).map((run) => run.runId)).toEqual([records.report.runId]);
    expect(other.statusCode).toBe(401);
  });

  it("answers 401 for another caller's run, before saying whether it exists", async () => {
    // Prepare
    const { deps } = webhookHarness({ config, secrets, ledger });

    // Act
    const own = await handleWebhookRequest(getRun(records.report.runId, REPORTING), deps);
    const others = await handleWebhookRequest(getRun(records.report.runId, PLANNING), deps);

    // Assess
    expect(own.statusCode).toBe(200);
    expect(others.statusCode).toBe(401);
  });
});
