/**
 * Local mode (`npm start`): the whole product on one laptop. The webhook, the schedules and the
 * run engine are the shared code, wired to in-process ports: DataWORQ (the emulator unless a
 * real connector is configured), the outbox publisher, and the local executor.
 */
import type { Clock } from '../../shared/clock.ts';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../../shared/config/load.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import { ValidationError } from '../../shared/errors.ts';
import { describeError } from '../../shared/log.ts';
import type { EmulatorFlow } from '../emulator/types.ts';
import type { AslDefinition } from './definition.ts';
import { cachedRunFlowDefinition } from './definition-cache.ts';
import type { DataworqConnection, Env } from './dataworq-connection.ts';
import { LiveView, type TerminalOutput } from './live-view.ts';
import type { LocalExecutor } from './local-executor.ts';
import { localLog } from './local-log.ts';
import { createLocalRuntime, liveJobStatus, type LocalRuntime } from './local-runtime.ts';
import { LocalScheduler, type Timer } from './local-scheduler.ts';
import { LocalWatchdog } from './local-watchdog.ts';
import { DEFAULT_OUTBOX_PATH } from './outbox-publisher.ts';
import { scaledClock, type ScaledClock } from './scaled-clock.ts';
import { startBanner } from './start-banner.ts';
import { triggerDemoRun, type DemoResult } from './webhook-examples.ts';
import { localWebhookCredentials, type LocalWebhookCredentials } from './webhook-credentials.ts';
import { startWebhookServer } from './webhook-server.ts';

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
  readonly definition?: AslDefinition;
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
  readonly demo?: DemoResult | undefined;
  /** Stops the schedules, the webhook and every run; resolves when all is closed. Idempotent. */
  close(): Promise<void>;
}

export async function startLocal(options: StartLocalOptions = {}): Promise<LocalHandle> {
  const env = options.env ?? process.env;
  const configSource = options.configPath ?? (env['DWQ_CONFIG'] || DEFAULT_CONFIG_PATH);
  const config = options.config ?? loadConfig(configSource);
  const credentials = localWebhookCredentials(config, env);
  const definition = options.definition ?? (await cachedRunFlowDefinition(config, env['DWQ_CACHE_DIR'] ? { cacheDir: env['DWQ_CACHE_DIR'] } : {}));
  // Made after the (possibly slow) synth, so a sped-up clock starts from the wall clock.
  const clock = options.clock ?? scaledClock(options.speed ?? 1);
  const outboxPath = options.outboxPath ?? (env['DWQ_OUTBOX'] || DEFAULT_OUTBOX_PATH);
  const { view, runtime } = await startRuntime(options, { config, env, clock, outboxPath, definition });
  const print = (text: string) => view.print(text);

  const port = options.port ?? portFrom(env);
  const server = await startWebhookServer({
    deps: { config, secrets: credentials.secrets, launcher: runtime.executor, ledger: runtime.ledger, clock, logger: localLog({ print, source: 'webhook', verbose: true }) },
    port,
    ...(options.host ? { host: options.host } : {}),
    onError: (error) => print(`[webhook] ERROR unexpected: ${describeError(error)}`),
  }).catch(async (error: unknown) => {
    await runtime.close();
    throw listenError(error, port);
  });
  const schedulesOn = options.schedules ?? true;
  const scheduler = startScheduler(config, runtime, clock, options.timer, print, schedulesOn);
  const watchdog = new LocalWatchdog({ config, table: runtime.table, ledger: runtime.ledger, publisher: runtime.publisher, clock, speed: clock.speed, print, schedules: schedulesOn });
  watchdog.start();

  print(startBanner({ config, configSource, connection: runtime.connection, speed: clock.speed, webhookUrl: server.url, outboxPath, credentials, scheduler, schedulesOn }).join('\n'));
  view.start();
  const demo = options.demo ? await demoRun(server.url, config, credentials, print) : undefined;

  let closing: Promise<void> | undefined;
  const closeAll = async () => {
    scheduler.stop();
    watchdog.stop();
    await watchdog.idle();
    await server.close();
    await runtime.close();
    view.stop();
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
    close: () => (closing ??= closeAll()),
  };
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
    steps: (jobIds) => (runtime ? liveJobStatus(runtime, jobIds) : Promise.resolve(new Map())),
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

async function demoRun(url: string, config: DwqConfig, credentials: LocalWebhookCredentials, print: (text: string) => void) {
  try {
    const result = await triggerDemoRun(url, config, credentials);
    if (result === undefined) print('[demo] no flow has a webhook; nothing to trigger');
    else if (result.runId) print(`[demo] POST /flows/${result.flow}/runs answered ${result.status}: run ${result.runId} started; follow it below`);
    else print(`[demo] POST /flows/${result.flow}/runs answered ${result.status}: ${result.message ?? 'no run started'}`);
    return result;
  } catch (error) {
    print(`[demo] could not call the local webhook: ${describeError(error)}`);
    return undefined;
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
