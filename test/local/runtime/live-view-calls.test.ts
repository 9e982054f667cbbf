/**
 * The live view reads the run records, never DataWORQ: during one local run, DataWORQ (the
 * emulator) sees only the poll loop's own calls, whatever the view redraws meanwhile.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalHandle, startLocal } from '../../../local/runtime/start-local.ts';
import type { EmulatorCall } from '../../../local/emulator/types.ts';
import { loadConfig } from '../../../shared/config/load.ts';
import { capturedOutput, definitionFor, signedPost, temporaryOutbox } from './support/local-kit.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const config = loadConfig();
let handle: LocalHandle | undefined;

afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

/** The poll loop's calls, by what they ask: execute, the status, the lists (by filter), the whole job. */
function callName(call: EmulatorCall): string {
  const endpoint = call.endpoint ?? call.path;
  if (call.kind === 'execute') return 'execute';
  if (call.kind === 'list') return `list ${/filter=(\w+)/.exec(endpoint)?.[1] ?? 'all'}`;
  if (call.kind === 'status') return /filter=executionStatus/.test(endpoint) ? 'status' : 'job';
  return `other ${endpoint}`;
}

describe('Local mode › live view', () => {
  it.each([false, true])('leaves DataWORQ only the poll loop\'s calls during one run (terminal: %s)', async (tty) => {
    // Prepare
    const out = capturedOutput(tty);
    handle = await startLocal({ config, definition: await definitionFor(config), port: 0, speed: 10, tty, out, outboxPath: temporaryOutbox(), schedules: false, env: { DWQ_WEBHOOK_SECRET: SECRET } });
    const emulator = handle.connection.emulator!;
    emulator.reset();

    // Act
    const answer = await signedPost(handle.url, 'demo-load', SECRET);
    await handle.executor.get(String(answer.body['runId']))?.done;

    // Assess
    const names = emulator.calls.map(callName);
    const counts = Object.fromEntries([...new Set(names)].map((name) => [name, names.filter((candidate) => candidate === name).length]));
    const checks = handle.executor.get(String(answer.body['runId']))?.latest?.poll.iteration ?? 0;
    expect(handle.executor.get(String(answer.body['runId']))?.latest?.outcome).toBe('COMPLETED');
    // Submit: the overlap check's active list, the execute. Check: one status call per check, the
    // history list once, the whole job once at the end. Nothing else: no list of the view's own.
    expect(counts).toEqual({ 'list active': 1, execute: 1, 'list history': 1, status: checks, job: 1 });
    expect(out.text()).toContain('demo-load');
  });
});
