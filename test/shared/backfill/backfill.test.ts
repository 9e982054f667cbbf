/**
 * End to end: a backfill runs in-process against a local runtime (the synthesized definition,
 * the real handlers, the emulator, the ledger on dynalite), as `dwq backfill` does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalRuntime, type LocalRuntime } from '../../../local/runtime/local-runtime.ts';
import { readOutbox } from '../../../local/runtime/outbox-publisher.ts';
import { scaledClock } from '../../../local/runtime/scaled-clock.ts';
import { runBackfill } from '../../../shared/backfill/backfill.ts';
import { planBackfill } from '../../../shared/backfill/plan.ts';
import { parseConfig } from '../../../shared/config/load.ts';
import { scheduleRunFlow } from '../../../shared/config/resolve.ts';
import { scheduleTrigger } from '../../../shared/periods/logical-time.ts';
import type { RunInput, RunLauncher } from '../../../shared/model.ts';
import { definitionFor, temporaryOutbox } from '../../local/runtime/support/local-kit.ts';
import { backfillConfigYaml } from './support/backfill-config.ts';

const CONFIG = backfillConfigYaml([
  { name: 'nightly-load', overlap: 'skip' },
  { name: 'parallel-load', overlap: 'allow' },
]);
const config = parseConfig(CONFIG);
const NOW = new Date('2026-04-15T12:00:00Z');
const outbox = temporaryOutbox();
let runtime: LocalRuntime;

/** The executor, counting how many of its runs were running at once. */
function observed(inner: LocalRuntime['executor']) {
  const counter = { starts: [] as string[], most: 0 };
  const launcher: RunLauncher = {
    async start(name: string, input: RunInput) {
      const answer = await inner.start(name, input);
      if (!answer.alreadyStarted) counter.starts.push(name);
      counter.most = Math.max(counter.most, inner.list().filter((run) => run.state === 'RUNNING').length);
      return answer;
    },
    describe: (runId) => inner.describe(runId),
  };
  return { launcher, counter };
}

function backfillOf(flow: string, maxConcurrent = 1) {
  return planBackfill({ config, flow, schedule: 'nightly', from: '2026-03-27', to: '2026-03-30', maxConcurrent }, NOW);
}

function backfillAlerts(flow: string) {
  return readOutbox(outbox).filter((alert) => alert.subject.includes(`${flow} backfill`));
}

beforeAll(async () => {
  const definition = await definitionFor(config);
  runtime = await createLocalRuntime({ config, env: {}, clock: scaledClock(200), definition, outboxPath: outbox, print: () => undefined, log: { debug() {}, info() {}, warn() {}, error() {} } });
});

afterAll(async () => {
  await runtime?.close();
});

describe('Function: runBackfill', () => {
  it('runs one run per fire over a spring-forward day, each with its own rendered date, then none the second time', async () => {
    // Prepare
    const { launcher, counter } = observed(runtime.executor);
    const deps = { launcher, ledger: runtime.ledger, publisher: runtime.publisher, pollMs: 20 };

    // Act
    const first = await runBackfill(backfillOf('nightly-load', 3), deps);
    const startsAfterFirst = counter.starts.length;
    const second = await runBackfill(backfillOf('nightly-load', 3), deps);

    // Assess: 29 March 01:30 does not exist in London (the clocks go from 01:00 to 02:00).
    expect(first.plan.fires.map((fire) => fire.fire.toISOString())).toEqual(['2026-03-27T01:30:00.000Z', '2026-03-28T01:30:00.000Z', '2026-03-30T00:30:00.000Z']);
    expect(first.counts).toEqual({ completed: 3, failed: 0, skipped: 0, unfinished: 0, started: 3, alreadyStarted: 0 });
    const records = await Promise.all(first.results.map((result) => runtime.ledger.get(result.fire.runId)));
    expect(records.map((record) => record?.parameters.find((parameter) => parameter.name === 'TABLENAME')?.value)).toEqual(['2026-03-27', '2026-03-28', '2026-03-30']);
    expect(records.map((record) => record?.trigger)).toEqual(first.plan.fires.map((fire) => expect.objectContaining({ kind: 'schedule', id: 'nightly-load/nightly', scheduledTime: fire.fire.toISOString() })));
    // overlap: skip, whatever --max-concurrent says.
    expect(first.plan.concurrency).toBe(1);
    expect(counter.most).toBe(1);
    expect(startsAfterFirst).toBe(3);
    expect(counter.starts).toHaveLength(3);
    expect(second.counts).toEqual({ completed: 3, failed: 0, skipped: 0, unfinished: 0, started: 0, alreadyStarted: 3 });
    expect(second.alert).toBeUndefined();
    const alerts = backfillAlerts('nightly-load');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ subject: '[DataWORQ] COMPLETED: nightly-load backfill, 3 completed, 0 failed, 0 skipped', attributes: { outcome: 'COMPLETED', flow: 'nightly-load', alert: 'new' }, deliveredTo: ['ops'] });
  });

  it('runs at most --max-concurrent at a time when the flow allows overlap', async () => {
    // Prepare
    const { launcher, counter } = observed(runtime.executor);

    // Act
    const summary = await runBackfill(backfillOf('parallel-load', 2), { launcher, ledger: runtime.ledger, pollMs: 20 });

    // Assess
    expect(summary.counts.completed).toBe(3);
    expect(counter.most).toBe(2);
    expect(counter.starts).toEqual(summary.plan.fires.map((fire) => fire.runId));
  });

  it("runs no second job for a fire its scheduled delivery already ran, under another name: they share the fire's claim", async () => {
    // Prepare: Scheduler cannot name executions and writes the time without milliseconds.
    const flow = scheduleRunFlow(config, 'nightly-load', 'nightly');
    const delivery = { flow, trigger: scheduleTrigger('nightly-load', { name: 'nightly', timeZone: 'Europe/London' }, '2026-03-31T00:30:00Z') };
    await runtime.executor.start('nightly-load--sc-scheduler-delivery', delivery);
    await runtime.executor.get('nightly-load--sc-scheduler-delivery')?.done;
    const { launcher, counter } = observed(runtime.executor);

    // Act
    const summary = await runBackfill(planBackfill({ config, flow: 'nightly-load', schedule: 'nightly', from: '2026-03-31', to: '2026-03-31' }, NOW), { launcher, ledger: runtime.ledger, pollMs: 20 });

    // Assess
    expect(counter.starts).toHaveLength(1);
    expect(summary.counts).toMatchObject({ started: 1, skipped: 1, completed: 0 });
    expect(summary.results[0]).toMatchObject({ outcome: 'SKIPPED', message: 'another run of this fire (its scheduled delivery) already ran the job' });
    expect(summary.results[0]?.jobId).toBeUndefined();
    expect((await runtime.ledger.get('nightly-load--sc-scheduler-delivery'))?.outcome).toBe('COMPLETED');
  });

  it('starts nothing and says why when a template cannot render for a fire', async () => {
    // Prepare
    const plan = planBackfill({ config, flow: 'nightly-load', schedule: 'nightly', from: '2026-03-27', to: '2026-03-27' }, NOW);
    const withError = { ...plan, fires: plan.fires.map((fire) => ({ ...fire, error: 'parameter TABLENAME: boom' })) };
    const { launcher, counter } = observed(runtime.executor);

    // Act
    const running = runBackfill(withError, { launcher, ledger: runtime.ledger });

    // Assess
    await expect(running).rejects.toThrow('nothing started: the fire at 2026-03-27T01:30:00+00:00 cannot render its parameters: parameter TABLENAME: boom');
    expect(counter.starts).toEqual([]);
  });
});
