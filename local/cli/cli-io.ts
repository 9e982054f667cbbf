/**
 * What a command may touch of the outside world: its output streams, environment, time zone and
 * the stop signal. The real process provides them in dwq.ts; tests pass their own and read what
 * was written, so every command runs in-process under test.
 */
import { DwqError } from '../../shared/errors.ts';
import type { Env } from '../runtime/dataworq-connection.ts';
import type { TerminalOutput } from '../runtime/live-view.ts';
import { EXIT } from './exit-codes.ts';

export interface CliOutput extends TerminalOutput {
  readonly isTTY?: boolean;
}

export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  readonly env: Env;
  /** The user's own zone, for "your time" columns. Default: the process's. */
  readonly timeZone?: string;
  /** Resolves on Ctrl-C (SIGINT) or SIGTERM, with the signal's name. */
  waitForStop(): Promise<string>;
}

/** A refusal with its exit code; the message is one line a user can act on. */
export class CliError extends DwqError {
  override readonly name: string = 'CliError';
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.usage, options?: ErrorOptions) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    waitForStop: () =>
      new Promise((resolve) => {
        const stop = (signal: string) => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve(signal);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
  };
}

export function writeLine(out: CliOutput, text = ''): void {
  out.write(`${text}\n`);
}

export function writeJson(out: CliOutput, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}
