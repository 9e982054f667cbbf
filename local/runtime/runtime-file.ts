/**
 * `.dwq/runtime.json`: what a running `dwq start` tells other processes on this machine, so
 * `dwq runs`, `show`, `trigger`... reach it: where its state table is served (the ledger is read
 * with the same DynamoDB adapter as in AWS) and its local operator endpoint, with the token that
 * opens it. Written with mode 0600 (the token is a credential), removed on stop.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isRecord } from '../../shared/guards.ts';
import { ValidationError } from '../../shared/errors.ts';
import type { Env } from './dataworq-connection.ts';

export const RUNTIME_FILE_ENV = 'DWQ_RUNTIME_FILE';
export const DEFAULT_RUNTIME_FILE = '.dwq/runtime.json';

export interface RuntimeInfo {
  readonly version: 1;
  readonly pid: number;
  readonly startedAt: string;
  /** The webhook's base URL; the operator endpoint is `<url>/_local/...`. */
  readonly url: string;
  /** Opens the operator endpoint (`Authorization: Bearer <token>`). */
  readonly token: string;
  readonly stateTable: { readonly endpoint: string; readonly tableName: string };
  /** The config `dwq start` runs, so commands resolve flows from the same file. */
  readonly configPath?: string;
}

export function runtimeFilePath(env: Env): string {
  return env[RUNTIME_FILE_ENV] || DEFAULT_RUNTIME_FILE;
}

export function writeRuntimeFile(path: string, info: RuntimeInfo): void {
  mkdirSync(dirname(path), { recursive: true });
  // rm first: writeFileSync's mode applies only to a file it creates.
  rmSync(path, { force: true });
  writeFileSync(path, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
}

/** Undefined when there is no file (no `dwq start` running here); ValidationError when it is unreadable. */
export function readRuntimeFile(path: string): RuntimeInfo | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ValidationError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  const info = parse(text);
  if (info === undefined) throw new ValidationError(`${path} is not a dwq runtime file: stop and restart dwq start, or delete the file`);
  return info;
}

/** Removes the file if it is still this process's (a later `dwq start` may have replaced it). */
export function removeRuntimeFile(path: string, token: string): void {
  try {
    if (readRuntimeFile(path)?.token === token) rmSync(path, { force: true });
  } catch {
    // Unreadable: not ours to remove.
  }
}

function parse(text: string): RuntimeInfo | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value['version'] !== 1 || typeof value['url'] !== 'string' || typeof value['token'] !== 'string') return undefined;
  const table = value['stateTable'];
  if (!isRecord(table) || typeof table['endpoint'] !== 'string' || typeof table['tableName'] !== 'string') return undefined;
  return value as unknown as RuntimeInfo;
}
