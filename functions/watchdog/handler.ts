import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { stateTableFromEnv } from '../../shared/aws/dynamodb/state-table.ts';
import { createClaimLookup, createWatchMemory } from '../../shared/aws/dynamodb/watch-memory.ts';
import { requiredEnv, MissingEnvError, LAMBDA_ENV, type Env } from '../../shared/aws/lambda-env.ts';
import { asLog, createLogger } from '../../shared/aws/logger.ts';
import { alertPublisherFromEnv } from '../../shared/aws/sns/alert-publisher.ts';
import { runLedgerFromEnv } from '../../shared/aws/run-ledger-env.ts';
import { SfnRunLauncher } from '../../shared/aws/sfn/run-launcher.ts';
import { systemClock } from '../../shared/clock.ts';
import { runWatch, type WatchDeps, type WatchReport } from '../../shared/watch/run-watch.ts';
import type { WatchConfig } from '../../shared/watch/watch-config.ts';

/** What one invocation answers (Scheduler ignores it; logs and tests read it). */
export interface WatchdogResult {
  readonly at: string;
  readonly alerts: readonly { readonly kind: string; readonly flow: string; readonly runId?: string; readonly fireTime?: string }[];
}

/**
 * The watchdog Lambda, invoked by its Scheduler schedule every 5 minutes; throws (Errors alarm) when
 * a watch fails. `readConfig` gives the watch config, read at the first watch (AWS: the asset's
 * config.json).
 */
export function createWatchdogHandler(env: Env, ports: Partial<WatchDeps>, readConfig: () => WatchConfig) {
  const logger = createLogger();
  const table = stateTableFromEnv(env);
  const ledger = ports.ledger ?? runLedgerFromEnv(env);
  if (!table || !ledger) throw new MissingEnvError(LAMBDA_ENV.stateTable);
  const clock = ports.clock ?? systemClock;
  const deps: Omit<WatchDeps, 'config'> = {
    clock,
    memory: ports.memory ?? createWatchMemory(table, { clock }),
    claimed: ports.claimed ?? createClaimLookup(table),
    ledger,
    publisher: ports.publisher ?? alertPublisherFromEnv(env),
    log: asLog(logger),
    launcher: ports.launcher ?? new SfnRunLauncher({ stateMachineArn: requiredEnv(env, 'stateMachineArn') }),
  };
  let config = ports.config;
  return middy(async (): Promise<WatchdogResult> => {
    config ??= readConfig();
    const report: WatchReport = await runWatch({ ...deps, config });
    logger.info('watch complete', { alerts: report.alerts.length, caughtUp: report.caughtUp.length });
    return { at: report.at, alerts: report.alerts.map(({ kind, flow, runId, fireTime }) => ({ kind, flow, runId, fireTime })) };
  }).use(injectLambdaContext(logger, { resetKeys: true }));
}
