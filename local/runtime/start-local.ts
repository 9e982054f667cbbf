/**
 * Local mode (`npm start`): the whole product on one laptop. The webhook, the schedules and the
 * run engine are the shared code, wired to in-process ports: DataWORQ (the emulator unless a
 * real connector is configured), the outbox publisher, and the local executor.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { Clock } from '../../shared/clock.ts';
import { DEFAULT_CONFIG_PATH, loadLocalConfig } from '../../shared/config/load.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import { ValidationError } from '../../shared/errors.ts';
import { describeError } from '../../shared/log.ts';
import { emulatorSetupFrom, flowsWith, withCommandLine, type EmulatorSetup } from '../emulator/emulator-setup.ts';
import type { EmulatorFlow } from '../emulator/types.ts';
import type { AslDefinition } from './definition.ts';
import { cachedRunFlowDefinition } from './definition-cache.ts';
import type { DataworqConnection, Env } from './dataworq-connection.ts';
import { LiveView, recordedSteps, type TerminalOutput } from './live-view.ts';
import type { LocalExecutor } from './local-executor.ts';
import { localLog } from './local-log.ts';
import { createLocalRuntime, type LocalRuntime } from './local-runtime.ts';
import { LocalScheduler, type Timer } from './local-scheduler.ts';
import { LocalWatchdog } from './local-watchdog.ts';
import { outboxPathOf, subscriberSecretLine } from './outbox-publisher.ts';
import { scaledClock, type ScaledClock } from './scaled-clock.ts';
import { startBanner } from './start-banner.ts';
import { firstWebhookFlow, triggerRun, type DemoResult } from './webhook-examples.ts';
import { writeSession } from './local-session.ts';
import { localWebhookCredentials, type LocalWebhookCredentials } from './webhook-credentials.ts';
import { startWebhookServer } from './webhook-server.ts';
import { removeRuntimeFile, writeRuntimeFile } from './runtime-file.ts';

export const DEFAULT_PORT = 3000;

export interface StartLocalOptions {
  /** The config itself; else read from configPath (default DWQ_CONFIG, else config/dataworq.yaml). */
  readonly config?: DwqConfig;
  readonly configPath?: string;
  /** DATAWORQ_*, DWQ_WEBHOOK_*, DWQ_OUTBOX, DWQ_CACHE_DIR, PORT. Default process.env. */
  readonly env?: Env;
  /** Default PORT, else 3000; 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Time factor for waits, the emulator and the schedules. Default 1 (real time). */
  readonly speed?: number;
  /** Replaces the scaled clock (tests choose "now"). */
  readonly clock?: ScaledClock;
  readonly timer?: Timer;
  /** Default DWQ_OUTBOX, else .dwq/outbox.jsonl. */
  readonly outboxPath?: string;
  /** Default process.stdout. */
  readonly out?: TerminalOutput;
  /** Live table (true) or plain lines (false). Default: whether `out` is a TTY. */
  readonly tty?: boolean;
  /** Trigger one run of the first webhook flow through the webhook at start. */
  readonly demo?: boolean;
  /** Let the configured schedules fire. Default true. */
  readonly schedules?: boolean;
  /** Print the run steps' info lines too. */
  readonly verbose?: boolean;
  readonly emulatorFlows?: readonly EmulatorFlow[];
  /** `--fault` and `--emulator-flow` specs (emulator-setup.ts), added to the config's `emulator:` section. */
  readonly emulatorSpecs?: { readonly faults?: readonly string[]; readonly flows?: readonly string[] };
  readonly definition?: AslDefinition;
  /** Write runtime.json here (runtime-file.ts) for the operator commands; removed on close. Default: none. */
  readonly runtimeFile?: string;
}

export interface LocalHandle {
  /** The webhook's base URL. */
  readonly url: string;
  readonly port: number;
  readonly outboxPath: string;
  readonly config: DwqConfig;
  readonly clock: Clock;
  readonly executor: LocalExecutor;
  readonly scheduler: LocalScheduler;
  /** MISSED, LATE and SUSPICIOUS every 5 minutes of scaled time (docs/watchdog.md). */
  readonly watchdog: LocalWatchdog;
  readonly connection: DataworqConnection;
  readonly credentials: LocalWebhookCredentials;
  /** What the demo call got, when `demo` was asked for. */
  readonly demo?: DemoResult;
  /** Prints a line above the live table (so a redraw never erases it). */
  print(text: string): void;
  /** Opens the operator endpoint (/_local/...); also in runtime.json. */
  readonly operatorToken: string;
  /** Stops the schedules, the webhook and every run; resolves when all is closed. Idempotent. */
  close(): Promise<void>;
}

export async function startLocal(options: StartLocalOptions = {}): Promise<LocalHandle> {
  const env = options.env ?? process.env;
  const configSource = options.configPath ?? (env['DWQ_CONFIG'] || DEFAULT_CONFIG_PATH);
  const local = options.config ? { config: options.config } : loadLocalConfig(configSource);
  const config = local.config;
  const setup = emulatorSetup(config, local.emulator, options.emulatorSpecs);
  const credentials = localWebhookCredentials(config, env);
  const out = options.out ?? process.stdout;
  const definition =
    options.definition ??
    (await cachedRunFlowDefinition(config, {
      ...(env['DWQ_CACHE_DIR'] ? { cacheDir: env['DWQ_CACHE_DIR'] } : {}),
      onSynthesize: () => void out.write('Preparing the state machine definition (first start after a change: a few seconds; cached in .dwq/cache)...\n'),
    }));
  // Made after the (possibly slow) synth, so a sped-up clock starts from the wall clock.
  const clock = options.clock ?? scaledClock(options.speed ?? 1);
  const outboxPath = outboxPathOf(options.outboxPath, env);
  const emulatorFlows = options.emulatorFlows ?? (setup.flows.length > 0 ? flowsWith(setup) : undefined);
  const { view, runtime } = await startRuntime({ ...options, ...(emulatorFlows ? { emulatorFlows } : {}) }, { config, env, clock, outboxPath, definition });
  for (const fault of setup.faults) runtime.connection.emulator?.inject(fault);
  const print = (text: string) => view.print(text);

  const port = options.port ?? portFrom(env);
  const operatorToken = randomBytes(32).toString('base64url');
  const server = await startWebhookServer({
    deps: { config, secrets: credentials.secrets, launcher: runtime.executor, ledger: runtime.ledger, clock, logger: localLog({ print, source: 'webhook', verbose: true }) },
    port,
    ...(options.host ? { host: options.host } : {}),
    operator: { token: operatorToken, launcher: runtime.executor, config, stateTable: runtime.stateTable },
    onError: (error) => print(`[webhook] ERROR unexpected: ${describeError(error)}`),
  }).catch(async (error: unknown) => {
    await runtime.close();
    throw listenError(error, port);
  });
  const runtimeFile = options.runtimeFile;
  if (runtimeFile !== undefined) {
    const info = { version: 1 as const, pid: process.pid, startedAt: new Date().toISOString(), url: server.url, token: operatorToken, stateTable: runtime.stateTable };
    writeRuntimeFile(runtimeFile, { ...info, ...(options.config === undefined && { configPath: resolve(configSource) }) });
  }
  const schedulesOn = options.schedules ?? true;
  const scheduler = startScheduler(config, runtime, clock, options.timer, print, schedulesOn);
  const watchdog = new LocalWatchdog({ config, table: runtime.table, ledger: runtime.ledger, publisher: runtime.publisher, clock, speed: clock.speed, print, schedules: schedulesOn, launcher: runtime.executor });
  watchdog.start();

  const endSession = sessionFor(runtime.connection, server.url, env);
  print(startBanner({ config, configSource, connection: runtime.connection, speed: clock.speed, webhookUrl: server.url, outboxPath, credentials, scheduler, schedulesOn }).join('\n'));
  const secretLine = subscriberSecretLine(runtime.publisher);
  if (secretLine) print(secretLine);
  view.start();
  if (runtime.connection.kind !== 'emulator' && (setup.faults.length > 0 || setup.flows.length > 0)) print('[emulator] faults and emulator flows apply to the bundled emulator only: ignored');
  const demos = options.demo ? await demoRuns(server.url, config, setup, credentials, runtime, print) : [];
  const demo = options.demo ? (demos[0] ?? undefined) : undefined;

  let closing: Promise<void> | undefined;
  const closeAll = async () => {
    scheduler.stop();
    watchdog.stop();
    await watchdog.idle();
    // The table goes first: nothing printed after this point can be erased by a redraw.
    view.stop();
    endSession();
    if (runtimeFile !== undefined) removeRuntimeFile(runtimeFile, operatorToken);
    await server.close();
    await runtime.close();
  };
  return {
    url: server.url,
    port: server.port,
    outboxPath,
    config,
    clock,
    executor: runtime.executor,
    scheduler,
    watchdog,
    connection: runtime.connection,
    credentials,
    demo,
    print,
    operatorToken,
    close: () => (closing ??= closeAll()),
  };
}

/** Lets `dwq jobs` and `dwq status` in another shell find this session's emulator. */
function sessionFor(connection: DataworqConnection, webhookUrl: string, env: Env): () => void {
  const keys = connection.emulator?.keys;
  if (connection.kind !== 'emulator' || keys === undefined) return () => undefined;
  return writeSession(env, { emulatorUrl: connection.url, apiKey: keys.apiKey, userApiKey: keys.userApiKey, webhookUrl, pid: process.pid });
}

interface RuntimeSettings {
  readonly config: DwqConfig;
  readonly env: Env;
  readonly clock: ScaledClock;
  readonly outboxPath: string;
  readonly definition: AslDefinition;
}

/** The live view and the run engine, each printing through the other's view. */
async function startRuntime(options: StartLocalOptions, settings: RuntimeSettings): Promise<{ view: LiveView; runtime: LocalRuntime }> {
  const out = options.out ?? process.stdout;
  const tty = options.tty ?? Boolean((out as { isTTY?: boolean }).isTTY);
  let runtime: LocalRuntime | undefined;
  const view = new LiveView({
    out,
    tty,
    clock: settings.clock,
    runs: () => runtime?.executor.list() ?? [],
    steps: (runIds) => (runtime ? recordedSteps(runtime.ledger, runIds) : Promise.resolve(new Map())),
    idleText: 'No active runs. Waiting for webhook calls and schedules (Ctrl-C to stop).',
  });
  const print = (text: string) => view.print(text);
  runtime = await createLocalRuntime({
    ...settings,
    print,
    log: localLog({ print, source: 'run', verbose: options.verbose ?? false }),
    ...(options.emulatorFlows ? { emulatorFlows: options.emulatorFlows } : {}),
    // On a TTY the table redraws on its own rhythm; plain output reports each change at once.
    ...(tty ? {} : { onProgress: () => view.tick(), onEnd: () => view.tick() }),
  });
  return { view, runtime };
}

function startScheduler(config: DwqConfig, runtime: LocalRuntime, clock: ScaledClock, timer: Timer | undefined, print: (text: string) => void, on: boolean): LocalScheduler {
  const scheduler = new LocalScheduler({
    config,
    launcher: runtime.executor,
    clock,
    speed: clock.speed,
    ...(timer ? { timer } : {}),
    onFire: (fire, started) =>
      print(`[schedule] ${fire.flow}/${fire.schedule} fired for ${fire.time.toISOString()}: run ${started.runId}${started.alreadyStarted ? ' (already started)' : ''}`),
    onError: (fire, error) => print(`[schedule] ERROR ${fire.flow}/${fire.schedule} could not start a run: ${describeError(error)}`),
  });
  if (on) scheduler.start();
  return scheduler;
}

function emulatorSetup(config: DwqConfig, section: unknown, specs: StartLocalOptions['emulatorSpecs']): EmulatorSetup {
  const flowIds = Object.fromEntries(Object.entries(config.flows).map(([key, flow]) => [key, flow.flowId]));
  return withCommandLine(emulatorSetupFrom(section, flowIds), specs?.faults ?? [], specs?.flows ?? [], flowIds);
}

/**
 * The demo: the first webhook flow, or the config's `emulator.demo` list in order. Each call waits
 * until the run before it has a job (or has ended), so a second run of a flow meets the first.
 */
async function demoRuns(url: string, config: DwqConfig, setup: EmulatorSetup, credentials: LocalWebhookCredentials, runtime: LocalRuntime, print: (text: string) => void): Promise<DemoResult[]> {
  const first = firstWebhookFlow(config);
  const names = setup.demo.length > 0 ? setup.demo : first ? [first.name] : [];
  if (names.length === 0) print('[demo] no flow has a webhook; nothing to trigger');
  const results: DemoResult[] = [];
  for (const name of names) {
    const result = await demoRun(url, config, name, credentials, print);
    if (result) results.push(result);
    if (result?.runId && names.length > 1) await hasJobOrEnded(runtime, result.runId);
  }
  return results;
}

async function demoRun(url: string, config: DwqConfig, name: string, credentials: LocalWebhookCredentials, print: (text: string) => void) {
  try {
    const result = await triggerRun(url, config, name, credentials);
    if (result.runId) print(`[demo] POST /flows/${result.flow}/runs answered ${result.status}: run ${result.runId} started; follow it below`);
    else print(`[demo] POST /flows/${result.flow}/runs answered ${result.status}: ${result.message ?? 'no run started'}`);
    return result;
  } catch (error) {
    print(`[demo] could not call the local webhook: ${describeError(error)}`);
    return undefined;
  }
}

async function hasJobOrEnded(runtime: LocalRuntime, runId: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const run = runtime.executor.list().find((candidate) => candidate.runId === runId);
    if (run === undefined || run.latest?.jobId || run.latest?.outcome || run.state !== 'RUNNING') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function portFrom(env: Env): number {
  const text = env['PORT'];
  if (text === undefined || text === '') return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isSafeInteger(port) || port < 0 || port > 65535) throw new ValidationError(`PORT must be a port number 0-65535, got ${text.slice(0, 20)}`);
  return port;
}

function listenError(error: unknown, port: number): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new ValidationError(`port ${port} is already in use: pass --port (or set PORT) to choose another`, { cause: error });
  if (code === 'EACCES') return new ValidationError(`port ${port} needs privileges: pass --port 3000 or above`, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}
