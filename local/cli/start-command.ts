/** `dwq start` (`npm start`): local mode until Ctrl-C, or with --once until its runs have ended. */
import type { Command } from '@commander-js/extra-typings';
import { readOutbox } from '../runtime/outbox-publisher.ts';
import type { LocalRun } from '../runtime/local-executor.ts';
import { startLocal, type LocalHandle } from '../runtime/start-local.ts';
import { connectorFromEnv } from '../runtime/dataworq-connection.ts';
import { LOCAL_DELIVERY_ENV } from '../runtime/outbox-publisher.ts';
import { runtimeFilePath } from '../runtime/runtime-file.ts';
import { CliError, type CliOutput, writeLine } from './cli-io.ts';
import { configPathOf, withConfigOption } from './config-option.ts';
import type { OptionsOf } from './declared-options.ts';
import { EXIT, EXIT_CODES_HELP, exitCodeForRun } from './exit-codes.ts';
import { portOption, speedOption } from './option-parsers.ts';
import type { CliContext } from './program.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerStartCommand(program: Command, context: CliContext) {
  return withConfigOption(program.command('start'))
    .description('Run everything locally: webhook, schedules, runs and alerts, against the bundled emulator unless DATAWORQ_URL is set.')
    .option('--port <n>', 'webhook port (default: $PORT, else 3000; 0 = a free one)', portOption)
    .option('--host <host>', 'address the webhook listens on', '127.0.0.1')
    .option('--speed <n>', 'time factor for waits, the emulator and schedules (1 = real time)', speedOption, 1)
    .option('--demo', 'at start, trigger one run of the first webhook flow through the webhook (default with the emulator)')
    .option('--no-demo', 'no demo run')
    .option('--no-schedules', 'do not fire the configured schedules')
    .option('--once', 'exit when the demo run has ended (on a real DataWORQ only with --demo), with the exit code of the first failed run')
    .option('--outbox <file>', 'alerts file, one JSON line each (default: $DWQ_OUTBOX, else .dwq/outbox.jsonl)')
    .option('--verbose', "also print the run steps' info lines")
    .option('--fault <spec>', 'make the emulator misbehave, e.g. status:503x3@demo-load or execute:reject (repeatable; docs/emulator.md)', collect, [])
    .option('--emulator-flow <spec>', 'an extra emulator flow, <flowId>:<COMPLETED|ERROR|CANCELLED>:<seconds> (repeatable)', collect, [])
    .option('--deliver', 'also post Slack and Teams alerts for real (URL from $DWQ_SECRET_<SECRET NAME>); default: outbox and screen only')
    .option('--json', 'the terminal output goes to stderr; stdout gets JSON lines: started, each alert, stopped (with the runs and the exit code)')
    .addHelpText(
      'after',
      `\nEnvironment: DATAWORQ_URL, DATAWORQ_USER_API_KEY, DATAWORQ_API_KEY, DATAWORQ_TRANSPORT (a real DataWORQ),\nDWQ_WEBHOOK_SECRET, DWQ_WEBHOOK_TOKEN (webhook credentials; generated when unset), DWQ_SUBSCRIBER_SECRET (signs outbound webhooks), DWQ_OUTBOX, PORT.\n\nCtrl-C exits 0 (\`npm start\` itself reports 130, npm's answer to Ctrl-C; \`npx dwq start\` does not).\n${EXIT_CODES_HELP}`,
    )
    .action((options): Promise<void> => start(options, context));
}

type StartOptions = OptionsOf<ReturnType<typeof registerStartCommand>>;

async function start(options: StartOptions, context: CliContext): Promise<void> {
  const { io } = context;
  const onEmulator = connectorFromEnv(io.env) === undefined;
  // Starting real jobs is never a default: the demo runs by itself only on the emulator.
  const demo = options.demo ?? onEmulator;
  if (options.once && !demo) {
    throw new CliError(onEmulator ? '--once waits for the demo run: leave out --no-demo' : '--once on a real DataWORQ starts nothing by itself: add --demo to run the first webhook flow once, or leave out --once');
  }
  const out = options.json ? io.stderr : io.stdout;
  // Listening before anything starts: a Ctrl-C during start-up still closes what was started.
  const stopped = io.waitForStop().then(() => 'signal' as const);
  const handle = await startLocal({
    configPath: configPathOf(options.config, io.env),
    env: options.deliver ? { ...io.env, [LOCAL_DELIVERY_ENV.deliver]: '1' } : io.env,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host ? { host: options.host } : {}),
    speed: options.speed,
    out,
    demo,
    schedules: options.schedules,
    ...(options.outbox ? { outboxPath: options.outbox } : {}),
    verbose: options.verbose ?? false,
    emulatorSpecs: { faults: options.fault, flows: options.emulatorFlow },
    runtimeFile: runtimeFilePath(io.env),
  });
  const alertsBefore = readOutbox(handle.outboxPath).length;
  if (options.json) jsonLine(io.stdout, { type: 'started', webhookUrl: handle.url, dataworq: handle.connection.url, outbox: handle.outboxPath });
  const ended = options.once ? handle.executor.idle().then(() => 'idle' as const) : new Promise<never>(() => undefined);
  const why = await Promise.race([stopped, ended]);
  const abandoned = handle.executor.list().filter((run) => run.state === 'RUNNING');
  if (why === 'signal') handle.print('Stopping: schedules off, webhook closed, runs aborted...');
  await handle.close();
  for (const line of abandonedLines(abandoned)) writeLine(out, line);
  writeLine(out, 'Stopped.');
  context.exitCode = why === 'signal' ? EXIT.ok : onceExitCode(handle);
  if (options.json) {
    for (const alert of readOutbox(handle.outboxPath).slice(alertsBefore)) jsonLine(io.stdout, { type: 'alert', ...alert });
    jsonLine(io.stdout, { type: 'stopped', exitCode: context.exitCode, runs: handle.executor.list().map(runSummary) });
  }
}

/** Ctrl-C stops following a run, not the job: DataWORQ's job goes on, and nobody will be alerted. */
function abandonedLines(runs: readonly LocalRun[]): string[] {
  if (runs.length === 0) return [];
  return [
    `Abandoned ${runs.length === 1 ? 'run' : `${runs.length} runs`} (no alert will come for ${runs.length === 1 ? 'it' : 'them'}):`,
    ...runs.map((run) => {
      const jobId = run.latest?.jobId;
      return jobId
        ? `  ${run.runId} (flow ${run.input.flow.name}): its DataWORQ job ${jobId} keeps running; see it with \`npx dwq status ${jobId}\``
        : `  ${run.runId} (flow ${run.input.flow.name}): no DataWORQ job had been started`;
    }),
  ];
}

function runSummary(run: LocalRun) {
  return { runId: run.runId, flow: run.input.flow.name, state: run.state, outcome: run.latest?.outcome, jobId: run.latest?.jobId };
}

function jsonLine(out: CliOutput, value: unknown): void {
  out.write(`${JSON.stringify(value)}\n`);
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
