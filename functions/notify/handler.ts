import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { asLog, createLogger } from '../../shared/aws/logger.ts';
import { alertPublisherFromEnv } from '../../shared/aws/run-engine-env.ts';
import type { NotifyInput } from '../../shared/model.ts';
import { notifyRun, type NotifyDeps } from '../../shared/run/notify.ts';
import { alertMemoryFromEnv } from '../../shared/state/alert-memory.ts';
import { runLedgerFromEnv, subscriberFiltersFromEnv } from '../../shared/aws/run-ledger-env.ts';

/** The Notify Lambda, built from an environment (process.env in AWS; a test's own in tests). */
export function createNotifyHandler(env: Readonly<Record<string, string | undefined>>, ports: Partial<NotifyDeps> = {}) {
  const logger = createLogger();
  const publisher = ports.publisher ?? alertPublisherFromEnv(env);
  // No state table in the environment: no memory, every outcome alerted.
  const memory = ports.memory ?? alertMemoryFromEnv(env, ports.clock);
  const ledger = ports.ledger ?? runLedgerFromEnv(env);
  const subscribers = ports.subscribers ?? subscriberFiltersFromEnv(env);
  return middy(async (event: NotifyInput) => {
    logger.appendKeys({ runId: event.run.runId, flow: event.flow.name, jobId: event.run.jobId, outcome: event.run.outcome });
    return notifyRun(event, { publisher, memory, log: asLog(logger), ledger, subscribers, ...ports });
  }).use(injectLambdaContext(logger, { resetKeys: true }));
}
