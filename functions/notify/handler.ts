import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { alertMemoryFromEnv } from '../../shared/aws/dynamodb/alert-memory.ts';
import { asLog, createLogger } from '../../shared/aws/logger.ts';
import { alertPublisherFromEnv } from '../../shared/aws/sns/alert-publisher.ts';
import { executionConsoleUrl } from '../../shared/aws/sfn/console-url.ts';
import type { Env } from '../../shared/aws/lambda-env.ts';
import { runLedgerFromEnv, subscriberFiltersFromEnv } from '../../shared/aws/run-ledger-env.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import type { NotifyInput } from '../../shared/model.ts';
import { incidentsFromEnv } from '../../shared/aws/dynamodb/incidents.ts';
import { maintenanceFromEnv } from '../../shared/aws/dynamodb/maintenance.ts';
import { withResolvedFlow, type FlowReference } from '../../shared/run/scheduled-input.ts';
import { notifyRun, type NotifyDeps } from '../../shared/run/notify.ts';
import { flushMetrics, runMetricsFromEnv } from '../../shared/aws/metrics.ts';

/**
 * Notify's payload: the run, and the execution's ARN (`$$.Execution.Id`) for the alert's console
 * link. The flow is given by name when Submit crashed on a schedule's input (scheduled-input.ts).
 */
export interface NotifyEvent extends Omit<NotifyInput, 'flow'> {
  readonly flow: NotifyInput['flow'] | FlowReference;
  readonly executionId?: string;
}

/** The Notify Lambda, built from an environment (process.env in AWS; a test's own in tests). */
export function createNotifyHandler(env: Env, ports: Partial<NotifyDeps> = {}, scheduleConfig: () => DwqConfig | undefined = () => undefined) {
  const logger = createLogger();
  const publisher = ports.publisher ?? alertPublisherFromEnv(env);
  // No state table in the environment: no memory, every outcome alerted.
  const memory = ports.memory ?? alertMemoryFromEnv(env, ports.clock);
  const ledger = ports.ledger ?? runLedgerFromEnv(env);
  const subscribers = ports.subscribers ?? subscriberFiltersFromEnv(env);
  const metrics = ports.metrics ?? runMetricsFromEnv(env, logger);
  const quiet = { incidents: ports.incidents ?? incidentsFromEnv(env), maintenance: ports.maintenance ?? maintenanceFromEnv(env) };
  return middy(async ({ executionId, ...named }: NotifyEvent) => {
    const event = withResolvedFlow(named, scheduleConfig);
    logger.appendKeys({ runId: event.run.runId, flow: event.flow.name, jobId: event.run.jobId, outcome: event.run.outcome });
    const consoleUrl = executionConsoleUrl(executionId);
    return notifyRun(event, { publisher, memory, log: asLog(logger), ledger, subscribers, metrics, ...quiet, ...(consoleUrl ? { consoleUrl } : {}), ...ports });
  }).use(injectLambdaContext(logger, { resetKeys: true })).use(flushMetrics(metrics));
}
