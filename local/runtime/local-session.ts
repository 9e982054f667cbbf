/**
 * What a running `npm start` tells the other `dwq` commands: the emulator's URL and its keys for
 * this session, in `<state dir>/session.json` (mode 600, removed at stop). Only the emulator's
 * throw-away keys are ever written; a real connector's keys stay in the environment.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Env } from './dataworq-connection.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const STATE_DIR_ENV = 'DWQ_STATE_DIR';

export interface LocalSession {
  readonly emulatorUrl: string;
  readonly apiKey: string;
  readonly userApiKey: string;
  readonly webhookUrl: string;
  readonly pid: number;
}

/** DWQ_STATE_DIR, else .dwq in the repository. */
export function stateDir(env: Env): string {
  return env[STATE_DIR_ENV] || join(ROOT, '.dwq');
}

export function sessionFile(env: Env): string {
  return join(stateDir(env), 'session.json');
}

/** Best effort: a read-only checkout still runs, only without the hand-over. */
export function writeSession(env: Env, session: LocalSession): (() => void) {
  const file = sessionFile(env);
  try {
    mkdirSync(stateDir(env), { recursive: true });
    writeFileSync(file, `${JSON.stringify(session)}\n`, { mode: 0o600 });
  } catch {
    return () => undefined;
  }
  return () => {
    if (readSession(env)?.pid === session.pid) rmSync(file, { force: true });
  };
}

/** The session of an `npm start` that is still running, if any. */
export function readSession(env: Env): LocalSession | undefined {
  let session: LocalSession;
  try {
    session = JSON.parse(readFileSync(sessionFile(env), 'utf8')) as LocalSession;
  } catch {
    return undefined;
  }
  return typeof session.emulatorUrl === 'string' && isAlive(session.pid) ? session : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lines a user pastes into another shell to reach this emulator with `dwq jobs` / `dwq status`. */
export function exportLines(url: string, keys: { readonly apiKey: string; readonly userApiKey: string }): string[] {
  return [`export DATAWORQ_URL=${url}`, `export DATAWORQ_API_KEY=${keys.apiKey}`, `export DATAWORQ_USER_API_KEY=${keys.userApiKey}`];
}
