/**
 * The watchdog in local mode, sped up: a run past `late.after` sends LATE before its TIMED_OUT,
 * and a `dwq start` process stopped with SIGSTOP for a simulated 20 minutes reports, on waking,
 * the rate(5 minutes) fires it slept through.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readOutbox, type OutboxRecord } from '../../../local/runtime/outbox-publisher.ts';
import { startLocal, type LocalHandle } from '../../../local/runtime/start-local.ts';
import { parseConfig } from '../../../shared/config/load.ts';
import { capturedOutput, definitionFor, signedPost, TEST_CACHE_DIR, temporaryOutbox } from './support/local-kit.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const DWQ = fileURLToPath(new URL('../../../local/cli/dwq.ts', import.meta.url));
const HANGS_ID = '5e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b';
let handle: LocalHandle | undefined;

afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(read: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined || Date.now() > until) return value;
    await sleep(100);
  }
}

describe('Class: LocalWatchdog', () => {
  it('sends one LATE for a run past late.after, before its TIMED_OUT', async () => {
    // Prepare
    const config = parseConfig(`flows:\n  hangs:\n    flowId: ${HANGS_ID}\n    maxDuration: 20m\n    late: { after: 2m }\n    webhook: { auth: [signature] }\n`);
    const outbox = temporaryOutbox();
    handle = await startLocal({
      config,
      definition: await definitionFor(config),
      port: 0,
      speed: 600,
      tty: false,
      out: capturedOutput(),
      outboxPath: outbox,
      env: { DWQ_WEBHOOK_SECRET: SECRET },
      emulatorFlows: [{ flowId: HANGS_ID, name: 'hangs', steps: [{ name: 'Step 1', seconds: 3 * 3600 }], outcome: 'COMPLETED' }],
    });

    // Act
    const { body } = await signedPost(handle.url, 'hangs', SECRET);
    await handle.executor.get(String(body['runId']))?.done;
    await handle.watchdog.idle();

    // Assess
    const outcomes = readOutbox(outbox).map((alert) => alert.attributes.outcome);
    expect(outcomes).toEqual(['LATE', 'TIMED_OUT']);
    const late = readOutbox(outbox)[0]!;
    expect(late.attributes).toMatchObject({ flow: 'hangs', severity: 'warning', alert: 'new' });
    expect(late.bodies.email).toContain('(late.after is 2m 0s)');
  }, 30_000);

  it('reports the rate(5 minutes) fires a SIGSTOPped dwq start slept through, once each, on waking', async () => {
    // Prepare: 300x, so 20 simulated minutes are 4 real seconds and a watch runs every real second.
    const dir = mkdtempSync(join(tmpdir(), 'dwq-watchdog-'));
    const yaml = 'flows:\n  demo-load:\n    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68\n    dataworqFlowName: Demo\n    overlap: allow\n    schedules:\n      - { name: often, expression: "rate(5 minutes)", timeZone: UTC }\n';
    const configPath = join(dir, 'dataworq.yaml');
    writeFileSync(configPath, yaml);
    await definitionFor(parseConfig(yaml));
    const outbox = join(dir, 'outbox.jsonl');
    const child = spawn(process.execPath, [DWQ, 'start', '--config', configPath, '--speed', '300', '--port', '0', '--no-demo', '--outbox', outbox], {
      env: { ...process.env, DWQ_CACHE_DIR: TEST_CACHE_DIR, DWQ_WEBHOOK_SECRET: SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = once(child, 'exit');
    try {
      await waitFor(() => (stdout.match(/\[schedule\] demo-load\/often fired/g)?.length ?? 0) >= 2 || undefined, 20_000);

      // Act
      child.kill('SIGSTOP');
      const stoppedAt = Date.now();
      await sleep(4000);
      child.kill('SIGCONT');
      const missed = await waitFor(() => {
        const found = readOutbox(outbox).filter((alert) => alert.attributes.outcome === 'MISSED');
        return found.length >= 3 ? found : undefined;
      }, 10_000);
      await sleep(1500);

      // Assess
      expect(Date.now() - stoppedAt).toBeLessThan(20_000);
      expect(missed?.length).toBeGreaterThanOrEqual(3);
      const all: OutboxRecord[] = readOutbox(outbox).filter((alert) => alert.attributes.outcome === 'MISSED');
      const fires = all.map((alert) => /for the (\S+ \S+) UTC fire/.exec(alert.bodies.default)?.[1]);
      expect(new Set(fires).size).toBe(fires.length);
      expect(all.every((alert) => alert.attributes.flow === 'demo-load' && alert.attributes.severity === 'critical')).toBe(true);
    } finally {
      child.kill('SIGCONT');
      child.kill('SIGINT');
      await exited;
    }
  }, 60_000);
});
