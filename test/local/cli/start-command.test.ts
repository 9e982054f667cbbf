import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readOutbox } from '../../../local/runtime/outbox-publisher.ts';
import { loadConfig } from '../../../shared/config/load.ts';
import { definitionFor, TEST_CACHE_DIR, temporaryOutbox } from '../runtime/support/local-kit.ts';
import { runCli } from './support/cli-kit.ts';

const DWQ = fileURLToPath(new URL('../../../local/cli/dwq.ts', import.meta.url));

beforeAll(async () => {
  await definitionFor(loadConfig());
});

describe('Command: dwq start', () => {
  it('with --once, runs the demo through the webhook, alerts it and exits 0', async () => {
    // Prepare
    const outbox = temporaryOutbox();

    // Act
    const result = await runCli(['start', '--once', '--port', '0', '--speed', '100', '--no-schedules', '--outbox', outbox]);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('DataWORQ local mode (time runs 100x faster)');
    expect(result.stdout).toMatch(/\[demo\] POST \/flows\/demo-load\/runs answered 202: run demo-load--wh-[0-9a-f]{24} started/);
    expect(result.stdout).toContain('ALERT COMPLETED (info) flow=demo-load');
    expect(result.stdout.trimEnd().endsWith('Stopped.')).toBe(true);
    expect(readOutbox(outbox).map((alert) => alert.attributes.outcome)).toEqual(['COMPLETED']);
  });

  it('stops on Ctrl-C, closing everything, and exits 0', async () => {
    // Act
    const result = await runCli(['start', '--port', '0', '--no-demo', '--outbox', temporaryOutbox()], {
      stop: new Promise((resolve) => setTimeout(() => resolve('SIGINT'), 200)),
    });

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Stopping: schedules off, webhook closed, runs aborted...\nStopped.\n');
    expect(result.stdout).not.toContain('[demo]');
  });

  it('exits 1 with a one-line error when the port is taken', async () => {
    // Prepare
    const blocker = (await import('node:net')).createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;

    // Act
    const result = await runCli(['start', '--port', String(port), '--no-demo', '--outbox', temporaryOutbox()]).finally(() => blocker.close());

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`dwq: port ${port} is already in use: pass --port (or set PORT) to choose another\n`);
  });

  it('as a process, exits 0 on SIGINT', async () => {
    // Prepare
    const child = spawn(process.execPath, [DWQ, 'start', '--port', '0', '--no-demo', '--outbox', temporaryOutbox()], {
      env: { ...process.env, DWQ_CACHE_DIR: TEST_CACHE_DIR },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    while (!output.includes('Start a run of demo-load yourself')) await once(child.stdout, 'data');

    // Act
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number];

    // Assess
    expect(code).toBe(0);
    expect(output).toContain('Stopped.');
  });
});
