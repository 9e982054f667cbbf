/**
 * The `dwq` command line: one commander program, each command in its own file. runDwq never
 * exits the process: it resolves to the exit code, so tests run every command in-process.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from '@commander-js/extra-typings';
import { ConfigError } from '../../shared/config/config-error.ts';
import { DwqError } from '../../shared/errors.ts';
import { type CliIo, CliError } from './cli-io.ts';
import { registerBackfillCommand } from './backfill-command.ts';
import { registerCostCommand } from './cost-command.ts';
import { registerEmulatorCommand } from './emulator-command.ts';
import { EXIT } from './exit-codes.ts';
import { registerJobsCommand } from './jobs-command.ts';
import { registerNextCommand } from './next-command.ts';
import { registerPauseCommand } from './pause-command.ts';
import { registerRerunCommand } from './rerun-command.ts';
import { registerResumeCommand } from './resume-command.ts';
import { registerRunCommand } from './run-command.ts';
import { registerRunsCommand } from './runs-command.ts';
import { registerSchedulesCommand } from './schedules-command.ts';
import { registerShowCommand } from './show-command.ts';
import { registerSignCommand } from './sign-command.ts';
import { registerSnoozeCommand } from './snooze-command.ts';
import { registerStartCommand } from './start-command.ts';
import { registerStatusCommand } from './status-command.ts';
import { registerTestAlertCommand } from './test-alert-command.ts';
import { registerTriggerCommand } from './trigger-command.ts';
import { registerValidateCommand } from './validate-command.ts';

/** What a command's action reports back. */
export interface CliContext {
  readonly io: CliIo;
  exitCode: number;
}

export function createProgram(context: CliContext): Command {
  const { io } = context;
  const program = new Command('dwq')
    .description('Run DataWORQ flows locally and inspect schedules, webhooks and jobs.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
    });
  for (const register of [
    registerStartCommand,
    registerRunCommand,
    registerBackfillCommand,
    registerStatusCommand,
    registerJobsCommand,
    registerNextCommand,
    registerSchedulesCommand,
    registerValidateCommand,
    registerCostCommand,
    registerSignCommand,
    registerEmulatorCommand,
    registerTestAlertCommand,
    registerRunsCommand,
    registerShowCommand,
    registerTriggerCommand,
    registerRerunCommand,
    registerPauseCommand,
    registerResumeCommand,
    registerSnoozeCommand,
  ]) {
    register(program, context);
  }
  return program;
}

export async function runDwq(argv: readonly string[], io: CliIo): Promise<number> {
  const context: CliContext = { io, exitCode: EXIT.ok };
  try {
    await createProgram(context).parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    io.stderr.write(`dwq: ${messageOf(error)}\n`);
    return error instanceof CliError ? error.exitCode : EXIT.usage;
  }
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return `${manifest.name} ${manifest.version}, Node ${process.version}`;
}

/** One line, except for a config error, whose every issue is worth fixing in one pass. */
function messageOf(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof DwqError) return error.message.split('\n')[0] ?? error.name;
  if (error instanceof Error) return `unexpected ${error.name}: ${error.message.split('\n')[0] ?? ''}`;
  return String(error);
}
