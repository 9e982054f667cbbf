import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDwq } from '../../../local/cli/program.ts';
import { readOutbox } from '../../../local/runtime/outbox-publisher.ts';
import { loadConfig } from '../../../shared/config/load.ts';
import { capturedOutput, definitionFor, TEST_CACHE_DIR, temporaryOutbox } from '../runtime/support/local-kit.ts';
import { runCli } from './support/cli-kit.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

beforeAll(async () => {
  await definitionFor(loadConfig());
});

/** What a terminal shows once the live view's erase sequences (`ESC[nA ESC[J`) have done their work. */
function screen(raw: string): string[] {
  const lines: string[] = [];
  const parts = raw.split(/\x1b\[(\d+)A\r\x1b\[J/);
  parts.forEach((part, index) => {
    if (index % 2 === 1) lines.splice(lines.length - Number(part));
    else lines.push(...part.split('\n').slice(0, -1));
  });
  return lines;
}

describe('Command: npm start, the very first time', () => {
  it('with --once on an empty .dwq/, says what it prepares, alerts the demo run and exits 0', async () => {
    // Prepare
    const state = mkdtempSync(join(tmpdir(), 'dwq-cold-'));
    const child = spawn('npm', ['start', '--silent', '--', '--once', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, DWQ_CACHE_DIR: join(state, 'cache'), DWQ_OUTBOX: join(state, 'outbox.jsonl'), DWQ_STATE_DIR: state },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

    // Act
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

    // Assess
    expect(code).toBe(0);
    expect(output.startsWith('Preparing the state machine definition (first start after a change: a few seconds; cached in .dwq/cache)...\nDataWORQ local mode')).toBe(true);
    expect(output).toContain('\nALERT COMPLETED (info) flow=demo-load\n');
    expect(readOutbox(join(state, 'outbox.jsonl')).map((alert) => alert.attributes.outcome)).toEqual(['COMPLETED']);
    expect(readdirSync(join(state, 'cache')).filter((name) => name.startsWith('run-flow-'))).toHaveLength(1);
  }, 90_000);
});

describe('Command: dwq start', () => {
  it('with --once on a real DataWORQ, starts nothing unless --demo asks', async () => {
    // Act
    const result = await runCli(['start', '--once', '--port', '0'], { env: { DATAWORQ_URL: 'http://127.0.0.1:9', DATAWORQ_API_KEY: 'DATAWORQ-k', DATAWORQ_USER_API_KEY: 'u' } });

    // Assess
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'dwq: --once on a real DataWORQ starts nothing by itself: add --demo to run the first webhook flow once, or leave out --once\n',
    });
  });

  it('on Ctrl-C in a terminal, shows the stop, leaves no table behind and names the abandoned run and its job', async () => {
    // Prepare
    const stdout = capturedOutput(true);
    let pressCtrlC: (signal: string) => void = () => undefined;
    const stop = new Promise<string>((resolve) => (pressCtrlC = resolve));
    const started = runDwq(['start', '--port', '0', '--no-schedules', '--outbox', temporaryOutbox()], {
      stdout,
      stderr: capturedOutput(),
      env: { DWQ_CACHE_DIR: TEST_CACHE_DIR, DWQ_STATE_DIR: mkdtempSync(join(tmpdir(), 'dwq-state-')) },
      waitForStop: () => stop,
    });
    while (!/dataworq=|RUNNING/.test(stdout.text())) await new Promise((resolve) => setTimeout(resolve, 100));

    // Act
    pressCtrlC('SIGINT');
    const code = await started;

    // Assess
    const shown = screen(stdout.text());
    const from = shown.indexOf('Stopping: schedules off, webhook closed, runs aborted...');
    expect(code).toBe(0);
    expect(from).toBeGreaterThan(0);
    const tail = shown.slice(from);
    expect(tail[1]).toBe('Abandoned run (no alert will come for it):');
    expect(tail[2]).toMatch(/^ {2}demo-load--wh-[0-9a-f]{24} \(flow demo-load\): its DataWORQ job ([0-9a-f-]{36}) keeps running; see it with `npx dwq status \1`$/);
    expect(tail.slice(3)).toEqual(['Stopped.']);
    expect(shown.some((line) => line.startsWith('RUN '))).toBe(false);
  }, 30_000);

  it('with --json, keeps stdout to JSON lines: started, the alert, stopped with the runs', async () => {
    // Act
    const result = await runCli(['start', '--once', '--json', '--port', '0', '--speed', '100', '--no-schedules', '--outbox', temporaryOutbox()]);
    const lines = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

    // Assess
    expect(result.code).toBe(0);
    expect(lines.map((line) => line.type)).toEqual(['started', 'alert', 'stopped']);
    expect(lines[1]).toMatchObject({ attributes: { outcome: 'COMPLETED', flow: 'demo-load' } });
    expect(lines[2]).toMatchObject({ exitCode: 0, runs: [{ flow: 'demo-load', state: 'SUCCEEDED', outcome: 'COMPLETED' }] });
    expect(result.stderr).toContain('DataWORQ local mode (time runs 100x faster)');
  });
});
