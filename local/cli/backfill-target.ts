/**
 * Where `dwq backfill` starts its runs: a RunLauncher, the run ledger it waits on, and the alert
 * publisher of its summary. This is the one seam between the backfill (shared/backfill, target
 * agnostic) and a runtime: today the runs execute in this process on a fresh local runtime (as
 * `dwq run` does), so it waits for them to end before it exits. A running `dwq start` or a
 * deployed stack (`--stack`) is another resolver of these same four things.
 */
import type { AlertPublisher } from '../../shared/alerts/publisher.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import type { RunLedger } from '../../shared/ledger/run-ledger.ts';
import type { RunLauncher } from '../../shared/model.ts';
import { cachedRunFlowDefinition } from '../runtime/definition-cache.ts';
import { localLog } from '../runtime/local-log.ts';
import { createLocalRuntime } from '../runtime/local-runtime.ts';
import { OutboxAlertPublisher, outboxPathOf } from '../runtime/outbox-publisher.ts';
import { deployedAlertPublisher } from '../../shared/aws/cloudformation/deployed-alerts.ts';
import { systemClock } from '../../shared/clock.ts';
import { openTarget, pollIntervalMs, type TargetOptions } from './target-option.ts';
import { scaledClock } from '../runtime/scaled-clock.ts';
import type { CliIo } from './cli-io.ts';

export interface BackfillTarget {
  /** `the bundled emulator, in this process`: for the first line of output. */
  readonly where: string;
  readonly launcher: RunLauncher;
  readonly ledger: RunLedger;
  readonly publisher: AlertPublisher;
  /** How often a run's record is read while waiting: in-process records are cheap to read. */
  readonly pollMs: number;
  /** Waits for nothing: a target that runs the runs itself stops them. */
  close(): Promise<void>;
}

export interface BackfillTargetOptions {
  readonly config: DwqConfig;
  readonly io: CliIo;
  /** Where alerts and the runs' log lines are printed. */
  readonly print: (text: string) => void;
  readonly speed: number;
  readonly outbox?: string;
  readonly verbose: boolean;
  /** A running `dwq start` (`--local`) or a deployed stack (`--stack`); neither = runs in this process. */
  readonly target?: TargetOptions;
}

/**
 * With `--local` or `--stack`: the runs start where the operator commands start them (the running
 * `dwq start`, or StartExecution on the stack), are waited for through that ledger, and the
 * summary goes to that deployment's alerts (the outbox `dwq start` writes, or the stack's topic).
 * Without: in-process runs (the emulator unless DATAWORQ_URL is set), on a fresh local state table.
 */
export async function backfillTarget(options: BackfillTargetOptions): Promise<BackfillTarget> {
  const { config, io } = options;
  const target = options.target;
  if (target?.stack !== undefined || target?.local !== undefined) {
    const opened = await openTarget(target, io.env);
    const publisher =
      target.stack !== undefined
        ? (await deployedAlertPublisher({ stackName: target.stack, region: target.region, profile: target.profile })).publisher
        : new OutboxAlertPublisher({ path: outboxPathOf(options.outbox, io.env), subscribers: config.subscribers, clock: systemClock, print: options.print, env: io.env });
    return {
      where: opened.description,
      launcher: opened.deps.launcher,
      ledger: opened.deps.ledger,
      publisher,
      pollMs: pollIntervalMs(io.env),
      close: async () => opened.close(),
    };
  }
  const definition = await cachedRunFlowDefinition(config, io.env['DWQ_CACHE_DIR'] ? { cacheDir: io.env['DWQ_CACHE_DIR'] } : {});
  const clock = scaledClock(options.speed);
  const runtime = await createLocalRuntime({
    config,
    env: io.env,
    clock,
    definition,
    outboxPath: outboxPathOf(options.outbox, io.env),
    print: options.print,
    log: localLog({ print: options.print, source: 'backfill', verbose: options.verbose }),
  });
  return {
    where: `${runtime.connection.kind === 'emulator' ? 'the bundled emulator' : runtime.connection.url}, runs in this process`,
    launcher: runtime.executor,
    ledger: runtime.ledger,
    publisher: runtime.publisher,
    pollMs: Math.max(20, 1000 / options.speed),
    close: () => runtime.close(),
  };
}
