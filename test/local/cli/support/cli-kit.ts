/**
 * Runs `dwq` in-process with captured output, its own environment and a stop signal the test
 * controls; and writes the config files a command reads.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDwq } from '../../../../local/cli/program.ts';
import type { Env } from '../../../../local/runtime/dataworq-connection.ts';
import { capturedOutput, TEST_CACHE_DIR } from '../../runtime/support/local-kit.ts';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly env?: Env;
  /** Resolves when the test "presses Ctrl-C"; default never. */
  readonly stop?: Promise<string>;
  readonly timeZone?: string;
}

export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const stdout = capturedOutput();
  const stderr = capturedOutput();
  const code = await runDwq(args, {
    stdout,
    stderr,
    // A state dir of its own: an `npm start` running on this machine must not be what a test reaches.
    env: { DWQ_CACHE_DIR: TEST_CACHE_DIR, DWQ_STATE_DIR: mkdtempSync(join(tmpdir(), 'dwq-state-')), ...options.env },
    timeZone: options.timeZone ?? 'UTC',
    waitForStop: () => options.stop ?? new Promise<string>(() => undefined),
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Writes `text` as `dataworq.yaml` in a fresh temporary folder; returns its path. */
export function configFile(text: string, prefix = 'dwq-cli-config-'): string {
  const path = join(mkdtempSync(join(tmpdir(), prefix)), 'dataworq.yaml');
  writeFileSync(path, text);
  return path;
}

/** The seed's Demo flow, which the emulator's catalogue runs as `demo-load`. */
export const DEMO_FLOW_ID = '2932ca30-8871-48b1-8e9b-90b744020b68';

/** configFile for a config whose first flow is `demo-load`: `rest` continues the YAML under its flowId. */
export function demoLoadConfigFile(rest: string): string {
  return configFile(`flows:\n  demo-load:\n    flowId: ${DEMO_FLOW_ID}\n${rest}`);
}
