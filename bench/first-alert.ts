/**
 * Time from `npm start -- --once` to its first alert, cold (no cached definition: a fresh clone)
 * and warm (the definition cached by the cold start). A figure for the README's "about 15 s", not
 * a goal: most of it is the demo job itself (12 s in the emulator).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface FirstAlertTimes {
  readonly coldSeconds: number;
  readonly warmSeconds: number;
}

export interface StartResult {
  readonly code: number | null;
  readonly output: string;
  /** Seconds from spawn to the first "ALERT " line; undefined when none came. */
  readonly firstAlertSeconds: number | undefined;
}

/** Runs `npm start -- --once --port 0` with its own state directory and outbox. */
export function startOnce(stateDir: string, extraArgs: readonly string[] = []): Promise<StartResult> {
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent', '--', '--once', '--port', '0', '--no-schedules', ...extraArgs], {
    cwd: ROOT,
    env: { ...process.env, DWQ_CACHE_DIR: join(stateDir, 'cache'), DWQ_OUTBOX: join(stateDir, 'outbox.jsonl'), DWQ_STATE_DIR: stateDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let firstAlertSeconds: number | undefined;
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (firstAlertSeconds === undefined && output.includes('\nALERT ')) firstAlertSeconds = (performance.now() - started) / 1000;
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output, firstAlertSeconds })));
}

export async function firstAlertTimes(): Promise<FirstAlertTimes> {
  const stateDir = mkdtempSync(join(tmpdir(), 'dwq-first-alert-'));
  try {
    const cold = await startOnce(stateDir);
    const warm = await startOnce(stateDir);
    if (cold.firstAlertSeconds === undefined || warm.firstAlertSeconds === undefined) throw new Error(`npm start --once printed no alert:\n${cold.output.slice(-2000)}`);
    return { coldSeconds: cold.firstAlertSeconds, warmSeconds: warm.firstAlertSeconds };
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

export function firstAlertSection(times: FirstAlertTimes): string {
  return `cold (no cached definition) ${times.coldSeconds.toFixed(1)} s, warm ${times.warmSeconds.toFixed(1)} s (the demo job itself runs 12 s)`;
}
