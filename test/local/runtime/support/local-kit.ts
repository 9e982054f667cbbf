/**
 * What the local-mode tests share: the definition (synthesized once, cached in the OS temp dir so
 * later test files and runs skip the CDK synth), captured terminal output, a temporary outbox, a
 * clock a test can move, and a timer whose pending callbacks a test fires itself.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeAll } from 'vitest';
import type { DwqConfig } from '../../../../shared/config/schema.ts';
import { cachedRunFlowDefinition } from '../../../../local/runtime/definition-cache.ts';
import type { AslDefinition } from '../../../../local/runtime/definition.ts';
import { type LocalHandle, type StartLocalOptions, startLocal } from '../../../../local/runtime/start-local.ts';
import type { TerminalOutput } from '../../../../local/runtime/live-view.ts';
import type { Timer } from '../../../../local/runtime/local-scheduler.ts';
import { scaledClock, type ScaledClock } from '../../../../local/runtime/scaled-clock.ts';

export const TEST_CACHE_DIR = join(tmpdir(), 'dwq-test-definition-cache');

export function definitionFor(config: DwqConfig): Promise<AslDefinition> {
  return cachedRunFlowDefinition(config, { cacheDir: TEST_CACHE_DIR });
}

/**
 * For a test file that starts local mode with one config: the definition is synthesized once
 * before its tests, and the handle a test started is closed after it. The returned `start`
 * fills in the config and the definition.
 */
export function localStarter(config: DwqConfig): (options: StartLocalOptions) => Promise<LocalHandle> {
  let definition: AslDefinition | undefined;
  let handle: LocalHandle | undefined;
  beforeAll(async () => {
    definition = await definitionFor(config);
  });
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });
  return async (options) => {
    if (definition === undefined) throw new Error('localStarter: start is for tests, which run after the definition is synthesized');
    handle = await startLocal({ config, definition, ...options });
    return handle;
  };
}

/**
 * How the webhook tests start local mode: any free port, at speed 100, no terminal, output
 * captured, a fresh outbox, no schedules, and webhook calls signed with `secret`.
 */
export function webhookTestOptions(secret: string) {
  return {
    port: 0,
    speed: 100,
    tty: false,
    out: capturedOutput(),
    outboxPath: temporaryOutbox(),
    schedules: false,
    env: { DWQ_WEBHOOK_SECRET: secret },
  } satisfies StartLocalOptions;
}

export interface CapturedOutput extends TerminalOutput {
  readonly isTTY?: boolean;
  text(): string;
}

export function capturedOutput(isTTY = false): CapturedOutput {
  const chunks: string[] = [];
  return {
    isTTY,
    columns: 160,
    write: (text: string) => chunks.push(text),
    text: () => chunks.join(''),
  };
}

export function temporaryOutbox(): string {
  return join(mkdtempSync(join(tmpdir(), 'dwq-outbox-')), 'outbox.jsonl');
}

export interface SteerableClock extends ScaledClock {
  /** From now on, the clock reads `instant` plus scaled time since this call. */
  jumpTo(instant: Date): void;
}

export function steerableClock(speed: number): SteerableClock {
  let clock = scaledClock(speed);
  return {
    speed,
    nowMs: () => clock.nowMs(),
    now: () => clock.now(),
    sleep: (ms) => clock.sleep(ms),
    jumpTo(instant) {
      clock = scaledClock(speed, Date.now(), instant.getTime());
    },
  };
}

export interface PendingTimer {
  readonly ms: number;
  fire(): void;
}

export interface ManualTimer extends Timer {
  pending(): PendingTimer[];
}

export function manualTimer(): ManualTimer {
  const timers = new Map<number, PendingTimer>();
  let next = 0;
  return {
    set(callback, ms) {
      const id = next++;
      timers.set(id, { ms, fire: () => timers.delete(id) && callback() });
      return id;
    },
    clear: (handle) => void timers.delete(handle as number),
    pending: () => [...timers.values()],
  };
}

/** A POST to the local webhook, signed with the standardwebhooks package itself. */
export async function signedPost(baseUrl: string, flow: string, secret: string, body = '{}', id = `msg_${crypto.randomUUID()}`) {
  const now = new Date();
  const response = await fetch(`${baseUrl}/flows/${flow}/runs`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, now, body),
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
