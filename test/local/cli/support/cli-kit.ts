/** Runs `dwq` in-process with captured output, its own environment and a stop signal the test controls. */
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
    env: { DWQ_CACHE_DIR: TEST_CACHE_DIR, ...options.env },
    timeZone: options.timeZone ?? 'UTC',
    waitForStop: () => options.stop ?? new Promise<string>(() => undefined),
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
