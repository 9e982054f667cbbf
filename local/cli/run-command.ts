/**
 * `dwq run <flow> -p NAME=VALUE`: one run, locally, through the same state machine as in AWS.
 * It always waits: this process is the runtime, so there is nothing left to run the job's poll
 * loop once it exits. To start a run and return at once, POST to a running `dwq start`.
 */
import { randomUUID } from 'node:crypto';
import type { Command } from '@commander-js/extra-typings';
import { resolveRunFlow, scheduleRunFlow } from '../../shared/config/resolve.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import type { ParameterValue } from '../../shared/dataworq/parameter-types.ts';
import { ValidationError } from '../../shared/errors.ts';
import type { RunFlow, RunInput, RunReport } from '../../shared/model.ts';
import { requestLogicalTime } from '../../shared/periods/logical-time.ts';
import { runNameFor } from '../../shared/run/run-name.ts';
import { LiveView, recordedSteps } from '../runtime/live-view.ts';
import { localLog } from '../runtime/local-log.ts';
import { createLocalRuntime, type LocalRuntime } from '../runtime/local-runtime.ts';
import { outboxPathOf } from '../runtime/outbox-publisher.ts';
import { scaledClock } from '../runtime/scaled-clock.ts';
import { cachedRunFlowDefinition } from '../runtime/definition-cache.ts';
import { CliError, writeJson, writeLine } from './cli-io.ts';
import { readConfig, withConfigOption } from './config-option.ts';
import type { OptionsOf } from './declared-options.ts';
import { EXIT, EXIT_CODES_HELP, exitCodeForRun } from './exit-codes.ts';
import { parameterOption, speedOption } from './option-parsers.ts';
import { typedParameters } from './parameter-values.ts';
import type { CliContext } from './program.ts';
import { cliUser } from './target-option.ts';

export function registerRunCommand(program: Command, context: CliContext) {
  return withConfigOption(program.command('run'))
    .description('Run a flow once, locally, through the same state machine as in AWS; exit by its outcome.')
    .argument('<flow>', 'a flow of the config')
    .option('-p, --param <NAME=VALUE>', 'a parameter value, typed as the config declares it (repeatable)', parameterOption, [])
    .option('--schedule <name>', "use this schedule's parameter values (as its runs do); -p still overrides them")
    .option('--wait', 'wait for the outcome; always on: this process runs the poll loop, so it cannot leave earlier')
    .option('--speed <n>', 'time factor for waits and the emulator (1 = real time)', speedOption, 1)
    .option('--outbox <file>', 'alerts file (default: $DWQ_OUTBOX, else .dwq/outbox.jsonl)')
    .option('--json', 'print the final run report as JSON on stdout (progress goes to stderr)')
    .option('--verbose', "also print the run steps' info lines")
    .option('--logical-time <iso>', "the time the run is for, which templated parameters are rendered from (no offset = in the flow's zone); the flow must set allowLogicalTime")
    .addHelpText('after', `\nDataWORQ: the bundled emulator, unless DATAWORQ_URL and its keys are set.\n\n${EXIT_CODES_HELP}`)
    .action((flow, options): Promise<void> => run(flow, options, context));
}

type RunOptions = OptionsOf<ReturnType<typeof registerRunCommand>>;

async function run(flowName: string, options: RunOptions, context: CliContext): Promise<void> {
  const { io } = context;
  const { config } = readConfig(options.config, io.env);
  const parameters = typedParameters(config, flowName, options.param);
  const flow = options.schedule === undefined ? resolveRunFlow(config, flowName, { parameters }) : scheduledFlow(config, flowName, options.schedule, parameters);
  const definition = await cachedRunFlowDefinition(config, io.env['DWQ_CACHE_DIR'] ? { cacheDir: io.env['DWQ_CACHE_DIR'] } : {});
  const clock = scaledClock(options.speed);
  const progressOut = options.json ? io.stderr : io.stdout;
  let runtime: LocalRuntime | undefined;
  const view = new LiveView({
    out: progressOut,
    tty: Boolean(progressOut.isTTY),
    clock,
    runs: () => runtime?.executor.list() ?? [],
    steps: (runIds) => (runtime ? recordedSteps(runtime.ledger, runIds) : Promise.resolve(new Map())),
  });
  const print = (text: string) => view.print(text);
  runtime = await createLocalRuntime({
    config,
    env: io.env,
    clock,
    definition,
    outboxPath: outboxPathOf(options.outbox, io.env),
    print,
    log: localLog({ print, source: 'run', verbose: options.verbose ?? false }),
    onProgress: () => view.tick(),
    onEnd: () => view.tick(),
  });
  const time = clock.now().toISOString();
  const input: RunInput = { flow, trigger: { kind: 'manual', id: cliUser(), time, logicalTime: cliLogicalTime(config, flowName, time, options.logicalTime) } };
  const runId = runNameFor(flowName, 'manual', randomUUID());
  print(`Running ${flowName} on ${runtime.connection.kind === 'emulator' ? 'the bundled emulator' : runtime.connection.url}: run ${runId}`);
  await runtime.executor.start(runId, input);
  view.start();
  const done = runtime.executor.get(runId)?.done ?? Promise.resolve();
  const interrupted = await Promise.race([done.then(() => false), io.waitForStop().then(() => true)]);
  const report = await runtime.executor.describe(runId);
  await runtime.close();
  view.stop();
  context.exitCode = interrupted ? EXIT.interrupted : exitCodeForRun(report?.state ?? 'FAILED', report?.outcome);
  printReport(report, options, context, interrupted);
}

/**
 * The flow as the schedule's runs get it (its values, templates included, rendered by Submit), so
 * `dwq run demo-load --schedule nightly` runs what the nightly run would; `-p` values override it.
 */
function scheduledFlow(config: DwqConfig, flowName: string, scheduleName: string, parameters: Readonly<Record<string, ParameterValue>>): RunFlow {
  checkScheduleExists(config, flowName, scheduleName);
  return scheduleRunFlow(config, flowName, scheduleName, parameters);
}

function checkScheduleExists(config: DwqConfig, flowName: string, scheduleName: string): void {
  const schedules = Object.hasOwn(config.flows, flowName) ? (config.flows[flowName]?.schedules ?? []) : [];
  if (!schedules.some((candidate) => candidate.name === scheduleName)) {
    throw new CliError(`flow '${flowName}' has no schedule '${scheduleName}' (its schedules: ${schedules.map((candidate) => candidate.name).join(', ') || 'none'})`);
  }
}

function cliLogicalTime(config: DwqConfig, flowName: string, time: string, requested: string | undefined) {
  const flow = config.flows[flowName];
  if (flow === undefined) return undefined;
  try {
    return requestLogicalTime(flow, time, requested);
  } catch (error) {
    if (error instanceof ValidationError) throw new CliError(`--logical-time: ${error.message}`);
    throw error;
  }
}

function printReport(report: RunReport | undefined, options: RunOptions, context: CliContext, interrupted: boolean): void {
  const { stdout, stderr } = context.io;
  const ended = interrupted ? 'interrupted' : (report?.outcome ?? report?.state ?? 'not started');
  const details = `${report?.jobId ? ` (job ${report.jobId})` : ''}${report?.message ? `: ${report.message}` : ''}`;
  writeLine(options.json ? stderr : stdout, `Run ${report?.runId ?? ''} ${ended}${details}; exit code ${context.exitCode}`);
  if (options.json) writeJson(stdout, { ...report, exitCode: context.exitCode });
}
