import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Env } from '../../shared/aws/lambda-env.ts';
import { asLog, createLogger } from '../../shared/aws/logger.ts';
import { dataworqFromEnv } from '../../shared/aws/run-engine-env.ts';
import { optionalAlertPublisherFromEnv } from '../../shared/aws/sns/alert-publisher.ts';
import { incidentsFromEnv } from '../../shared/aws/dynamodb/incidents.ts';
import { systemClock } from '../../shared/clock.ts';
import type { CheckInput } from '../../shared/model.ts';
import { checkRun, type CheckDeps } from '../../shared/run/check.ts';
import { runLedgerFromEnv } from '../../shared/aws/run-ledger-env.ts';
import { flushMetrics, runMetricsFromEnv } from '../../shared/aws/metrics.ts';
import { instrumentedDataworq } from '../../shared/dataworq/instrumented-client.ts';

/** The Check Lambda, built from an environment (process.env in AWS; a test's own in tests);
 * `ports` replaces a port (the clock, in tests that compress time). */
export function createCheckHandler(env: Env, ports: Partial<CheckDeps> = {}) {
  const logger = createLogger();
  const metrics = ports.metrics ?? runMetricsFromEnv(env, logger);
  const dataworq = instrumentedDataworq(ports.dataworq ?? dataworqFromEnv(env), metrics);
  const ledger = ports.ledger ?? runLedgerFromEnv(env);
  const incidents = { incidents: ports.incidents ?? incidentsFromEnv(env), publisher: ports.publisher ?? optionalAlertPublisherFromEnv(env) };
  return middy(async (event: CheckInput) => {
    logger.appendKeys({ runId: event.run.runId, flow: event.flow.name, jobId: event.run.jobId });
    return checkRun(event, { dataworq, clock: systemClock, log: asLog(logger), ledger, metrics, ...incidents, ...ports });
  }).use(injectLambdaContext(logger, { resetKeys: true })).use(flushMetrics(metrics));
}
