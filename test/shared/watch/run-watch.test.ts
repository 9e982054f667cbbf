/**
 * One watch against a real DynamoDB-compatible server (dynalite): the trigger claims Submit
 * writes, the run ledger's records and pause flags, and the watch memory's conditional puts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDynamo, type LocalDynamo } from '../../../local/state/dynamodb-server.ts';
import type { AlertMessage } from '../../../shared/alerts/alert-message.ts';
import type { AlertPublisher } from '../../../shared/alerts/publisher.ts';
import { createDynamoRunLedger } from '../../../shared/aws/dynamodb/run-ledger.ts';
import type { StateTableRef } from '../../../shared/aws/dynamodb/state-table.ts';
import { createTriggerClaims } from '../../../shared/aws/dynamodb/trigger-claims.ts';
import { createClaimLookup, createWatchMemory } from '../../../shared/aws/dynamodb/watch-memory.ts';
import { parseConfig } from '../../../shared/config/load.ts';
import { AlertPublishError } from '../../../shared/errors.ts';
import type { RunLedger } from '../../../shared/ledger/run-ledger.ts';
import type { RunFlow } from '../../../shared/model.ts';
import type { SubmitInput } from '../../../shared/run/submit.ts';
import { runWatch } from '../../../shared/watch/run-watch.ts';
import { watchConfigOf, type WatchConfig } from '../../../shared/watch/watch-config.ts';

let dynamo: LocalDynamo;
let tableCount = 0;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
});

afterAll(async () => {
  await dynamo.close();
});

const FLOW_ID = '2932ca30-8871-48b1-8e9b-90b744020b68';

function configWith(flowYaml: string, since: string): WatchConfig {
  return watchConfigOf(parseConfig(`flows:\n  nightly:\n    flowId: ${FLOW_ID}\n${flowYaml}`), new Date(since));
}

class CapturingPublisher implements AlertPublisher {
  readonly messages: AlertMessage[] = [];
  failing = false;
  async publish(message: AlertMessage) {
    if (this.failing) throw new AlertPublishError('topic unavailable');
    this.messages.push(message);
    return { messageId: `m-${this.messages.length}` };
  }
}

async function stand(config: WatchConfig) {
  const table: StateTableRef = { client: dynamo.client, tableName: await dynamo.createStateTable(`watch-${++tableCount}`) };
  const ledger = createDynamoRunLedger(table);
  const publisher = new CapturingPublisher();
  let now = new Date(config.since);
  const clock = { now: () => now };
  const watchAt = (iso: string) => {
    now = new Date(iso);
    return runWatch({ config, clock, memory: createWatchMemory(table, { clock }), claimed: createClaimLookup(table), ledger, publisher });
  };
  return { table, ledger, publisher, watchAt };
}

/** What Submit does for a scheduled delivery: Scheduler's time has no milliseconds. */
async function claim(table: StateTableRef, flow: string, schedule: string, time: string) {
  const input = { runId: `${flow}--${time}`, flow: { name: flow } as RunFlow, trigger: { kind: 'schedule', id: `${flow}/${schedule}`, time } } as SubmitInput;
  expect(await createTriggerClaims(table)(input)).toBe(true);
}

const DAILY = '    schedules:\n      - { name: daily, expression: "cron(0 2 * * ? *)", timeZone: UTC }\n';

describe('Function: runWatch (MISSED)', () => {
  it('reports a fire with no claim once, after its grace, never twice across watches', async () => {
    // Prepare
    const { publisher, watchAt } = await stand(configWith(DAILY, '2026-05-01T00:00:00Z'));

    // Act
    const beforeGrace = await watchAt('2026-05-01T02:09:00Z');
    const afterGrace = await watchAt('2026-05-01T02:10:00Z');
    const again = await watchAt('2026-05-01T02:15:00Z');
    const later = await watchAt('2026-05-01T03:00:00Z');

    // Assess
    expect(beforeGrace.alerts).toEqual([]);
    expect(afterGrace.alerts.map((alert) => [alert.kind, alert.fireTime])).toEqual([['MISSED', '2026-05-01T02:00:00.000Z']]);
    expect(again.alerts).toEqual([]);
    expect(later.alerts).toEqual([]);
    expect(publisher.messages).toHaveLength(1);
    expect(publisher.messages[0]?.attributes).toEqual({ outcome: 'MISSED', flow: 'nightly', severity: 'critical', alert: 'new' });
    expect(publisher.messages[0]?.subject).toBe('[DataWORQ] MISSED: nightly');
    expect(publisher.messages[0]?.bodies.sms).toMatch(/^DataWORQ nightly MISSED 02:10Z: no run started for the 2026-05-01 02:00:00 UTC fire/);
    expect(publisher.messages[0]?.bodies.email).toMatch(/Trigger: +schedule nightly\/daily at 2026-05-01 02:00:00 UTC/);
    expect(publisher.messages[0]?.bodies.email).toContain('within its 10m grace; check that the schedule is deployed and enabled, then start the run by hand if needed (dwq run nightly)');
  });

  it('reports nothing for a fire that Submit claimed', async () => {
    // Prepare
    const { table, publisher, watchAt } = await stand(configWith(DAILY, '2026-05-01T00:00:00Z'));
    await claim(table, 'nightly', 'daily', '2026-05-01T02:00:00Z');

    // Act
    const report = await watchAt('2026-05-01T02:30:00Z');

    // Assess
    expect(report.alerts).toEqual([]);
    expect(publisher.messages).toEqual([]);
  });

  it("does not report an edited schedule's old fires: only fires since the config took effect", async () => {
    // Prepare: the schedule was 02:00 until an edit at 10:00 made it 03:00; yesterday's 03:00 never had a claim.
    const edited = configWith('    schedules:\n      - { name: daily, expression: "cron(0 3 * * ? *)", timeZone: UTC }\n', '2026-05-02T10:00:00Z');
    const { publisher, watchAt } = await stand(edited);

    // Act
    const sameDay = await watchAt('2026-05-02T10:05:00Z');
    const nextDay = await watchAt('2026-05-03T03:10:00Z');

    // Assess
    expect(sameDay.alerts).toEqual([]);
    expect(nextDay.alerts.map((alert) => alert.fireTime)).toEqual(['2026-05-03T03:00:00.000Z']);
    expect(publisher.messages).toHaveLength(1);
  });

  it('does not report a paused schedule, nor a disabled one', async () => {
    // Prepare
    const yaml = '    schedules:\n      - { name: daily, expression: "cron(0 2 * * ? *)", timeZone: UTC }\n      - { name: off, expression: "cron(0 2 * * ? *)", timeZone: UTC, enabled: false }\n';
    const { ledger, publisher, watchAt } = await stand(configWith(yaml, '2026-05-01T00:00:00Z'));
    await ledger.pause({ flow: 'nightly', schedule: 'daily', at: new Date('2026-05-01T01:00:00Z'), by: 'cli:alice' });

    // Act
    const report = await watchAt('2026-05-01T03:00:00Z');

    // Assess
    expect(report.alerts).toEqual([]);
    expect(publisher.messages).toEqual([]);
  });

  it('follows the schedules on DST days: a skipped 01:30 is no fire, a repeated 01:30 is one', async () => {
    // Prepare
    const london = '    schedules:\n      - { name: night, expression: "cron(30 1 * * ? *)", timeZone: Europe/London }\n';
    const spring = await stand(configWith(london, '2026-03-28T12:00:00Z'));
    const autumn = await stand(configWith(london, '2026-10-24T12:00:00Z'));

    // Act
    const springReport = await spring.watchAt('2026-03-30T12:00:00Z');
    const autumnReport = await autumn.watchAt('2026-10-25T12:00:00Z');

    // Assess: 03-29 01:30 does not exist in London; 10-25 01:30 BST (00:30Z) fires, 01:30 GMT does not.
    expect(springReport.alerts.map((alert) => alert.fireTime)).toEqual(['2026-03-30T00:30:00.000Z']);
    expect(autumnReport.alerts.map((alert) => alert.fireTime)).toEqual(['2026-10-25T00:30:00.000Z']);
  });

  it('retries an alert that could not be published, and reports it once when it goes out', async () => {
    // Prepare
    const { publisher, watchAt } = await stand(configWith(DAILY, '2026-05-01T00:00:00Z'));
    publisher.failing = true;

    // Act
    const failed = watchAt('2026-05-01T02:15:00Z');
    await expect(failed).rejects.toBeInstanceOf(AlertPublishError);
    publisher.failing = false;
    const retried = await watchAt('2026-05-01T02:20:00Z');
    const after = await watchAt('2026-05-01T02:25:00Z');

    // Assess
    expect(retried.alerts.map((alert) => alert.kind)).toEqual(['MISSED']);
    expect(after.alerts).toEqual([]);
    expect(publisher.messages).toHaveLength(1);
  });
});

async function recordRun(ledger: RunLedger, runId: string, submittedAt: string, endedAt?: string, trigger?: { schedule: string; time: string }) {
  await ledger.submitted({
    runId,
    flow: 'nightly',
    trigger: trigger
      ? { kind: 'schedule', id: `nightly/${trigger.schedule}`, time: trigger.time, schedule: trigger.schedule, scheduledTime: trigger.time }
      : { kind: 'manual', id: 'cli:alice', time: submittedAt, by: 'cli:alice' },
    parameters: [],
    runProfileName: 'default',
    submittedAt,
    jobId: `job-${runId}`,
  });
  if (endedAt) await ledger.finished(runId, { outcome: 'COMPLETED', endedAt }, { runId, flow: 'nightly', trigger: { kind: 'manual', id: 'x', time: submittedAt }, parameters: [], runProfileName: 'default', submittedAt });
}

describe('Function: runWatch (LATE, SUSPICIOUS)', () => {
  it('reports a run past late.after once, and marks its record late', async () => {
    // Prepare
    const { ledger, publisher, watchAt } = await stand(configWith('    late: { after: 45m }\n', '2026-05-01T00:00:00Z'));
    await recordRun(ledger, 'run-1', '2026-05-01T01:00:00.000Z');

    // Act
    const early = await watchAt('2026-05-01T01:40:00Z');
    const late = await watchAt('2026-05-01T01:50:00Z');
    const again = await watchAt('2026-05-01T01:55:00Z');

    // Assess
    expect(early.alerts).toEqual([]);
    expect(late.alerts.map((alert) => [alert.kind, alert.runId, alert.at])).toEqual([['LATE', 'run-1', '2026-05-01T01:45:00.000Z']]);
    expect(again.alerts).toEqual([]);
    expect(publisher.messages.map((message) => message.attributes)).toEqual([{ outcome: 'LATE', flow: 'nightly', severity: 'warning', alert: 'new' }]);
    expect(publisher.messages[0]?.bodies.email).toContain('Still running after 50m 0s (late.after is 45m 0s)');
    expect((await ledger.get('run-1'))?.late).toEqual({ at: '2026-05-01T01:45:00.000Z' });
  });

  it('with after auto, waits for 3 completed runs, then uses 1.5 x the longest', async () => {
    // Prepare: three runs of 10, 20 and 30 minutes; the fourth is running.
    const { ledger, watchAt } = await stand(configWith('', '2026-05-01T00:00:00Z'));
    await recordRun(ledger, 'a', '2026-05-01T01:00:00.000Z', '2026-05-01T01:10:00.000Z');
    await recordRun(ledger, 'b', '2026-05-01T02:00:00.000Z', '2026-05-01T02:20:00.000Z');
    await recordRun(ledger, 'c', '2026-05-01T03:00:00.000Z', '2026-05-01T03:30:00.000Z');
    await recordRun(ledger, 'd', '2026-05-01T04:00:00.000Z');

    // Act
    const before = await watchAt('2026-05-01T04:44:00Z');
    const after = await watchAt('2026-05-01T04:46:00Z');

    // Assess
    expect(before.alerts).toEqual([]);
    expect(after.alerts.map((alert) => [alert.kind, alert.runId, alert.at])).toEqual([['LATE', 'd', '2026-05-01T04:45:00.000Z']]);
  });

  it("with finishBy, reports a scheduled run still going at that time in the schedule's zone", async () => {
    // Prepare: 07:00 in New York is 11:00Z in May.
    const yaml = '    late: { after: 12h, finishBy: "07:00" }\n    schedules:\n      - { name: early, expression: "cron(0 5 * * ? *)", timeZone: America/New_York }\n';
    const { ledger, table, watchAt } = await stand(configWith(yaml, '2026-05-01T00:00:00Z'));
    await claim(table, 'nightly', 'early', '2026-05-01T09:00:00Z');
    await recordRun(ledger, 'sched', '2026-05-01T09:00:05.000Z', undefined, { schedule: 'early', time: '2026-05-01T09:00:00Z' });

    // Act
    const report = await watchAt('2026-05-01T11:01:00Z');

    // Assess
    expect(report.alerts.map((alert) => [alert.kind, alert.at, alert.fireTime])).toEqual([['LATE', '2026-05-01T11:00:00.000Z', '2026-05-01T09:00:00.000Z']]);
  });

  it('reports a COMPLETED run under suspicious.fasterThan x the usual runtime, once', async () => {
    // Prepare: usual 20 minutes; then one of 2 minutes.
    const { ledger, watchAt } = await stand(configWith('    suspicious: { fasterThan: 0.2x }\n', '2026-05-01T00:00:00Z'));
    for (const [index, hour] of ['01', '02', '03'].entries()) await recordRun(ledger, `ok-${index}`, `2026-05-01T${hour}:00:00.000Z`, `2026-05-01T${hour}:20:00.000Z`);
    await watchAt('2026-05-01T03:30:00Z');
    await recordRun(ledger, 'fast', '2026-05-01T04:00:00.000Z', '2026-05-01T04:02:00.000Z');

    // Act
    const report = await watchAt('2026-05-01T04:05:00Z');
    const again = await watchAt('2026-05-01T04:10:00Z');

    // Assess
    expect(report.alerts.map((alert) => [alert.kind, alert.runId])).toEqual([['SUSPICIOUS', 'fast']]);
    expect(report.alerts[0]?.summary).toContain('completed in 2m 0s, under 0.2x the usual 20m 0s');
    expect(again.alerts).toEqual([]);
    expect((await ledger.get('fast'))?.suspicious).toEqual({ at: '2026-05-01T04:02:00.000Z' });
  });
});

describe('Function: runWatch (catch-up)', () => {
  it('starts the latest missed fire once, as its scheduled run with its own logical time, and only with catchUp', async () => {
    // Prepare
    const yaml = (catchUp: string) =>
      `    schedules:\n      - { name: hourly, expression: "cron(0 * * * ? *)", timeZone: Europe/London, catchUp: ${catchUp}, catchUpWindow: 24h }\n`;
    const started: { name: string; trigger: unknown; flow: string }[] = [];
    const launcher = {
      start: async (name: string, input: { flow: RunFlow; trigger: unknown }) => {
        started.push({ name, trigger: input.trigger, flow: input.flow.name });
        return { runId: name, alreadyStarted: false };
      },
      describe: async () => undefined,
    };
    const watchWith = async (catchUp: string) => {
      const config = configWith(yaml(catchUp), '2026-05-01T00:00:00Z');
      const { table, ledger, publisher } = await stand(config);
      const clock = { now: () => new Date('2026-05-01T03:30:00Z') };
      return runWatch({ config, clock, memory: createWatchMemory(table, { clock }), claimed: createClaimLookup(table), ledger, publisher, launcher });
    };

    // Act
    const latest = await watchWith('latest');
    const none = await watchWith('none');

    // Assess: 01:00, 02:00 and 03:00 UTC were missed; `latest` starts only 03:00, `none` nothing.
    expect(latest.alerts.filter((alert) => alert.kind === 'MISSED')).toHaveLength(3);
    expect(latest.caughtUp).toHaveLength(1);
    expect(none.caughtUp).toEqual([]);
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({
      flow: 'nightly',
      trigger: { kind: 'schedule', id: 'nightly/hourly', time: '2026-05-01T03:00:00.000Z', logicalTime: { time: '2026-05-01T03:00:00.000Z', timeZone: 'Europe/London' } },
    });
    expect(started[0]?.name).toBe(latest.caughtUp[0]);
  });
});
