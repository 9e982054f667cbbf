/** `dwq start` (`npm start`): local mode until Ctrl-C, or with --once until its runs have ended. */
import type { Command } from 'commander';
import { startLocal, type LocalHandle } from '../runtime/start-local.ts';
import { connectorFromEnv } from '../runtime/dataworq-connection.ts';
import { runtimeFilePath } from '../runtime/runtime-file.ts';
import { writeLine } from './cli-io.ts';
import { configPathOf, withConfigOption } from './config-option.ts';
import { EXIT, EXIT_CODES_HELP, exitCodeForRun } from './exit-codes.ts';
import { portOption, speedOption } from './option-parsers.ts';
import type { CliContext } from './program.ts';

interface StartOptions {
  readonly config?: string;
  readonly port?: number;
  readonly host?: string;
  readonly speed: number;
  readonly once?: boolean;
  readonly demo?: boolean;
  readonly schedules: boolean;
  readonly outbox?: string;
  readonly verbose?: boolean;
}

export function registerStartCommand(program: Command, context: CliContext): void {
  withConfigOption(program.command('start'))
    .description('Run everything locally: webhook, schedules, runs and alerts, against the bundled emulator unless DATAWORQ_URL is set.')
    .option('--port <n>', 'webhook port (default: $PORT, else 3000; 0 = a free one)', portOption)
    .option('--host <host>', 'address the webhook listens on', '127.0.0.1')
    .option('--speed <n>', 'time factor for waits, the emulator and schedules (1 = real time)', speedOption, 1)
    .option('--demo', 'at start, trigger one run of the first webhook flow through the webhook (default with the emulator)')
    .option('--no-demo', 'no demo run')
    .option('--no-schedules', 'do not fire the configured schedules')
    .option('--once', 'exit when every run has ended (implies --demo), with the exit code of the first failed run')
    .option('--outbox <file>', 'alerts file, one JSON line each (default: $DWQ_OUTBOX, else .dwq/outbox.jsonl)')
    .option('--verbose', "also print the run steps' info lines")
    .addHelpText('after', `\nEnvironment: DATAWORQ_URL, DATAWORQ_USER_API_KEY, DATAWORQ_API_KEY, DATAWORQ_TRANSPORT (a real DataWORQ),\nDWQ_WEBHOOK_SECRET, DWQ_WEBHOOK_TOKEN (webhook credentials; generated when unset), DWQ_OUTBOX, PORT.\n\n${EXIT_CODES_HELP}`)
    .action((options: StartOptions) => start(options, context));
}

async function start(options: StartOptions, context: CliContext): Promise<void> {
  const { io } = context;
  const onEmulator = connectorFromEnv(io.env) === undefined;
  // Listening before anything starts: a Ctrl-C during start-up still closes what was started.
  const stopped = io.waitForStop().then(() => 'signal' as const);
  const handle = await startLocal({
    configPath: configPathOf(options.config, io.env),
    env: io.env,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host ? { host: options.host } : {}),
    speed: options.speed,
    out: io.stdout,
    // Starting real jobs is never a default: the demo runs by itself only on the emulator.
    demo: options.once || (options.demo ?? onEmulator),
    schedules: options.schedules,
    ...(options.outbox ? { outboxPath: options.outbox } : {}),
    verbose: options.verbose ?? false,
    runtimeFile: runtimeFilePath(io.env),
  });
  const ended = options.once ? handle.executor.idle().then(() => 'idle' as const) : new Promise<never>(() => undefined);
  const why = await Promise.race([stopped, ended]);
  if (why === 'signal') writeLine(io.stdout, 'Stopping: schedules off, webhook closed, runs aborted...');
  await handle.close();
  writeLine(io.stdout, 'Stopped.');
  context.exitCode = why === 'signal' ? EXIT.ok : onceExitCode(handle);
}

/** A demo that did not start, or the first run that did not end well, decides; all good is 0. */
function onceExitCode(handle: LocalHandle): number {
  if (!handle.demo?.runId) return EXIT.runFailed;
  for (const run of handle.executor.list()) {
    const code = exitCodeForRun(run.state, run.latest?.outcome);
    if (code !== EXIT.ok) return code;
  }
  return EXIT.ok;
}
