/**
 * Trigger claims against a real DynamoDB-compatible server (dynalite): a scheduled trigger is
 * claimed by one run only, a retried Submit of that run still proceeds, other triggers need none.
 */
import { GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { useStateTable } from '../../../helpers/state-table-kit.ts';
import type { Clock } from '../../../../shared/clock.ts';
import type { RunFlow, RunTrigger } from '../../../../shared/model.ts';
import type { SubmitInput } from '../../../../shared/run/submit.ts';
import { CLAIM_TTL_SECONDS, createTriggerClaims } from '../../../../shared/aws/dynamodb/trigger-claims.ts';
import { TriggerClaimError } from '../../../../shared/errors.ts';
import { triggerClaimKey } from '../../../../shared/run/trigger-claims.ts';
import { nightlyFlow } from '../../../helpers/run-flows.ts';

const NOW = new Date('2026-03-01T02:00:04.000Z');
const clock: Clock = { now: () => NOW };
const state = useStateTable('trigger-claims-test');

let counter = 0;
/** A flow name of its own per test, so tests never see each other's claims. */
const freshFlow = (): RunFlow => nightlyFlow({ name: `flow-${++counter}` });
const scheduled = (flow: string, time = '2026-03-01T02:00:00Z'): RunTrigger => ({ kind: 'schedule', id: `${flow}/nightly`, time });
const input = (flow: RunFlow, trigger: RunTrigger, runId: string = crypto.randomUUID()): SubmitInput => ({ flow, trigger, runId });
const claims = () => createTriggerClaims(state.table, { clock });

describe('Function: createTriggerClaims', () => {
  it('lets the first run of a scheduled trigger proceed and refuses a second run of it', async () => {
    // Prepare
    const flow = freshFlow();
    const claimTrigger = claims();
    const trigger = scheduled(flow.name);

    // Act
    const first = await claimTrigger(input(flow, trigger, 'run-first'));
    const second = await claimTrigger(input(flow, trigger, 'run-second'));

    // Assess
    expect(first).toBe(true);
    expect(second).toBe(false);
    const item = await state.dynamo.client.send(new GetItemCommand({ TableName: state.tableName, Key: { pk: { S: triggerClaimKey(flow.name, trigger) } } }));
    expect(item.Item?.runId?.S).toBe('run-first');
    expect(Number(item.Item?.expiresAt?.N)).toBe(NOW.getTime() / 1000 + CLAIM_TTL_SECONDS);
  });

  it('keys the claim on flow, schedule and scheduled time: claim#<flow>#<trigger id>#<time>', () => {
    // Act
    const key = triggerClaimKey('demo-load', scheduled('demo-load'));

    // Assess
    expect(key).toBe('claim#demo-load#demo-load/nightly#2026-03-01T02:00:00Z');
  });

  it('lets a retried Submit of the same run proceed again', async () => {
    // Prepare
    const flow = freshFlow();
    const claimTrigger = claims();
    const trigger = scheduled(flow.name);
    await claimTrigger(input(flow, trigger, 'run-retried'));

    // Act
    const retried = await claimTrigger(input(flow, trigger, 'run-retried'));

    // Assess
    expect(retried).toBe(true);
  });

  it('lets runs of other scheduled times and other flows proceed', async () => {
    // Prepare
    const flow = freshFlow();
    const other = freshFlow();
    const claimTrigger = claims();
    await claimTrigger(input(flow, scheduled(flow.name, '2026-03-01T02:00:00Z')));

    // Act
    const nextNight = await claimTrigger(input(flow, scheduled(flow.name, '2026-03-02T02:00:00Z')));
    const otherFlow = await claimTrigger(input(other, { ...scheduled(flow.name), time: '2026-03-01T02:00:00Z' }));

    // Assess
    expect(nextNight).toBe(true);
    expect(otherFlow).toBe(true);
  });

  it('lets exactly one of several simultaneous deliveries proceed', async () => {
    // Prepare
    const flow = freshFlow();
    const trigger = scheduled(flow.name);
    const claimTriggers = [claims(), claims(), claims(), claims()];

    // Act
    const results = await Promise.all(claimTriggers.map((claimTrigger) => claimTrigger(input(flow, trigger))));

    // Assess
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it.each([
    ['webhook', { kind: 'webhook', id: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', time: '2026-03-01T02:00:00Z' }],
    ['manual', { kind: 'manual', id: 'ops', time: '2026-03-01T02:00:00Z' }],
  ] as const)('lets %s runs proceed without writing a claim: their run id is already their key', async (_kind, trigger) => {
    // Prepare
    const flow = freshFlow();
    const claimTrigger = claims();

    // Act
    const results = [await claimTrigger(input(flow, trigger)), await claimTrigger(input(flow, trigger))];

    // Assess
    expect(results).toEqual([true, true]);
    const scan = await state.dynamo.client.send(new ScanCommand({ TableName: state.tableName }));
    expect(scan.Items?.filter((item) => item.pk?.S?.startsWith(`claim#${flow.name}#`))).toEqual([]);
  });

  it('throws a TriggerClaimError naming the claim, not a boolean, when the table cannot be written', async () => {
    // Prepare
    const flow = freshFlow();
    const claimTrigger = createTriggerClaims({ client: state.dynamo.client, tableName: 'no-such-table' }, { clock });

    // Act
    const claiming = claimTrigger(input(flow, scheduled(flow.name)));

    // Assess
    await expect(claiming).rejects.toThrow(TriggerClaimError);
    await expect(claiming).rejects.toThrow(`could not write the trigger claim claim#${flow.name}#`);
  });
});
