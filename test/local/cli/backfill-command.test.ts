/** `dwq backfill`: dry run, a real in-process backfill, its progress, and its refusals. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { summaryLine } from '../../../local/cli/backfill-command.ts';
import { BackfillProgress } from '../../../local/cli/backfill-progress.ts';
import { readOutbox } from '../../../local/runtime/outbox-publisher.ts';
import { planBackfill } from '../../../shared/backfill/plan.ts';
import { parseConfig } from '../../../shared/config/load.ts';
import { capturedOutput, definitionFor, temporaryOutbox } from '../runtime/support/local-kit.ts';
import { backfillConfigYaml } from '../../shared/backfill/support/backfill-config.ts';
import { runCli } from './support/cli-kit.ts';

const CONFIG = backfillConfigYaml([{ name: 'nightly-load', parameters: ['ROWS: { type: integer, default: 10 }'] }]);
const configPath = join(mkdtempSync(join(tmpdir(), 'dwq-cli-backfill-')), 'dataworq.yaml');
writeFileSync(configPath, CONFIG);
const RANGE = ['--from', '2026-03-27', '--to', '2026-03-30'];

beforeAll(async () => {
  await definitionFor(parseConfig(CONFIG));
});

describe('Command: dwq backfill --dry-run', () => {
  it('prints each fire with the parameters it would send, the spring-forward day left out, and starts nothing', async () => {
    // Prepare
    const outbox = temporaryOutbox();

    // Act
    const result = await runCli(['backfill', 'nightly-load', '--config', configPath, '--schedule', 'nightly', ...RANGE, '--dry-run', '--outbox', outbox]);

    // Assess
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'Dry run of the backfill of nightly-load/nightly: 3 fires of cron(30 1 * * ? *) in Europe/London; nothing is started.',
        '  2026-03-27T01:30:00+00:00  TABLENAME=2026-03-27  ROWS=10',
        '  2026-03-28T01:30:00+00:00  TABLENAME=2026-03-28  ROWS=10',
        '  2026-03-30T01:30:00+01:00  TABLENAME=2026-03-30  ROWS=10',
        '',
      ].join('\n'),
    });
    expect(readOutbox(outbox)).toEqual([]);
  });

  it('prints the plan as JSON, with each run id', async () => {
    // Act
    const result = await runCli(['backfill', 'nightly-load', '--config', configPath, '--schedule', 'nightly', '--from', '2026-03-29', '--to', '2026-03-30', '--dry-run', '--json']);

    // Assess
    const plan = JSON.parse(result.stdout) as { fires: Array<Record<string, unknown>> };
    expect(result.code).toBe(0);
    expect(plan.fires).toEqual([
      { time: '2026-03-30T01:30:00+01:00', utc: '2026-03-30T00:30:00.000Z', runId: expect.stringMatching(/^nightly-load--sc-[0-9a-f]{24}$/), parameters: { TABLENAME: '2026-03-30', ROWS: 10 } },
    ]);
  });
});

describe('Command: dwq backfill', () => {
  it('runs every fire in this process, one line per step, and sends one summary alert', async () => {
    // Prepare
    const outbox = temporaryOutbox();

    // Act
    const result = await runCli(['backfill', 'nightly-load', '--config', configPath, '--schedule', 'nightly', ...RANGE, '--speed', '200', '--outbox', outbox, '--json']);

    // Assess
    const summary = JSON.parse(result.stdout) as { counts: Record<string, number>; runs: Array<Record<string, unknown>> };
    expect(result.code).toBe(0);
    expect(summary.counts).toEqual({ completed: 3, failed: 0, skipped: 0, unfinished: 0, started: 3, alreadyStarted: 0 });
    expect(summary.runs.map((run) => run['time'])).toEqual(['2026-03-27T01:30:00+00:00', '2026-03-28T01:30:00+00:00', '2026-03-30T01:30:00+01:00']);
    expect(result.stderr).toContain('Backfill of nightly-load/nightly on the bundled emulator, runs in this process: 3 fires of cron(30 1 * * ? *) in Europe/London, 1 at a time');
    expect(result.stderr).toMatch(/^started {2}2026-03-27T01:30:00\+00:00 {2}run nightly-load--sc-/m);
    expect(result.stderr).toMatch(/^COMPLETED {2}2026-03-30T01:30:00\+01:00 \(job /m);
    expect(result.stderr).toContain('Backfill done: 3 completed, 0 failed, 0 skipped; started 3 new runs.');
    const alerts = readOutbox(outbox).filter((alert) => alert.subject.includes('backfill'));
    expect(alerts.map((alert) => alert.subject)).toEqual(['[DataWORQ] COMPLETED: nightly-load backfill, 3 completed, 0 failed, 0 skipped']);
  });

  it('refuses an unknown schedule, an unreadable date and a bad --max-concurrent, saying what to write', async () => {
    // Act
    const unknown = await runCli(['backfill', 'nightly-load', '--config', configPath, '--schedule', 'weekly', ...RANGE]);
    const badDate = await runCli(['backfill', 'nightly-load', '--config', configPath, '--schedule', 'nightly', '--from', 'yesterday', '--to', '2026-03-30']);
    const badConcurrency = await runCli(['backfill', 'nightly-load', '--config', configPath, '--schedule', 'nightly', ...RANGE, '--max-concurrent', '0']);

    // Assess
    expect(unknown).toEqual({ code: 1, stdout: '', stderr: "dwq: unknown schedule 'weekly' for flow 'nightly-load' (known: nightly)\n" });
    expect(badDate.stderr).toBe('dwq: --from yesterday is not a date or time: write 2026-03-27, or 2026-03-27T06:00 (in Europe/London), or with an offset\n');
    expect(badConcurrency.code).toBe(1);
    expect(badConcurrency.stderr).toContain("option '--max-concurrent <n>' argument '0' is invalid. must be a whole number 1-20.");
  });
});

describe('Class: BackfillProgress', () => {
  it('draws one bar in place on a terminal, and keeps printed lines above it', () => {
    // Prepare
    const out = capturedOutput(true);
    const plan = planBackfill({ config: parseConfig(CONFIG), flow: 'nightly-load', schedule: 'nightly', from: '2026-03-27', to: '2026-03-30' }, new Date('2026-04-15T00:00:00Z'));
    const [first] = plan.fires;
    const progress = new BackfillProgress(out, plan.fires.length);

    // Act
    progress.event({ kind: 'started', fire: first!, alreadyStarted: false });
    progress.print('an alert');
    progress.event({ kind: 'ended', result: { fire: first!, start: 'new', bucket: 'completed', outcome: 'COMPLETED' } });
    progress.stop();

    // Assess
    const text = out.text();
    expect(text).toContain('\r\u001b[2K[..............................] 0/3  completed 0  failed 0  skipped 0  running 1');
    expect(text).toContain('\r\u001b[2Kan alert\n');
    expect(text.endsWith('\r\u001b[2K[##########....................] 1/3  completed 1  failed 0  skipped 0  running 0\n')).toBe(true);
  });
});

describe('Function: summaryLine', () => {
  it('says a repeated backfill started nothing because every fire already had its run', () => {
    // Act
    const line = summaryLine({ completed: 3, failed: 0, skipped: 0, unfinished: 0, started: 0, alreadyStarted: 3 });

    // Assess
    expect(line).toBe('Backfill done: 3 completed, 0 failed, 0 skipped; started none: every fire already had its run (3 already there).');
  });
});
