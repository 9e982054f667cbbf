import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { createRunJournal } from '../../shared/aws/dynamodb/run-journal.ts';
import { stateTableFromEnv } from '../../shared/aws/dynamodb/state-table.ts';
import { createTriggerClaims } from '../../shared/aws/dynamodb/trigger-claims.ts';
import { numberEnv, type Env } from '../../shared/aws/lambda-env.ts';
import { parameterSecretReader } from '../../shared/aws/secrets-manager/parameter-secrets.ts';
import { asLog, createLogger } from '../../shared/aws/logger.ts';
import { dataworqFromEnv } from '../../shared/aws/run-engine-env.ts';
import { optionalAlertPublisherFromEnv } from '../../shared/aws/sns/alert-publisher.ts';
import { incidentsFromEnv } from '../../shared/aws/dynamodb/incidents.ts';
import { systemClock } from '../../shared/clock.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import type { RunFlow, RunState, RunTrigger } from '../../shared/model.ts';
import { withResolvedFlow, type FlowReference } from '../../shared/run/scheduled-input.ts';
import { submitRun, type SubmitDeps, type SubmitInput } from '../../shared/run/submit.ts';
import { runLedgerFromEnv } from '../../shared/aws/run-ledger-env.ts';
import { flushMetrics, runMetricsFromEnv } from '../../shared/aws/metrics.ts';
import { instrumentedDataworq } from '../../shared/dataworq/instrumented-client.ts';

/** Submit's event: the run's context, its flow given whole or (a schedule's) by name. */
export type SubmitEvent = Omit<SubmitInput, 'flow'> & { readonly flow: RunFlow | FlowReference };

/** Submit's result, the state machine's state from here on: the flow resolved, the run started. */
export interface SubmitOutput {
  readonly flow: RunFlow;
  readonly trigger: RunTrigger;
  readonly run: RunState;
}

/** The Submit Lambda, built from an environment (process.env in AWS; a test's own in tests);
 * `ports` replaces a port (the clock, in tests that compress time); `scheduleConfig` gives the
 * flows a schedule's input may name (AWS: the asset's config.json). */
export function createSubmitHandler(env: Env, ports: Partial<SubmitDeps> = {}, scheduleConfig: () => DwqConfig | undefined = () => undefined) {
  const logger = createLogger();
  const metrics = ports.metrics ?? runMetricsFromEnv(env, logger);
  const dataworq = instrumentedDataworq(ports.dataworq ?? dataworqFromEnv(env), metrics);
  // No state table in the environment: no claims, so a repeated schedule delivery is not caught.
  const table = stateTableFromEnv(env);
  const claimTrigger = ports.claimTrigger ?? (table ? createTriggerClaims(table, { clock: ports.clock ?? systemClock }) : undefined);
  const journal = ports.journal ?? (table ? createRunJournal(table) : undefined);
  const ledger = ports.ledger ?? runLedgerFromEnv(env);
  const readParameterSecret = parameterSecretReader({ maxAgeSeconds: numberEnv(env, 'secretMaxAgeSeconds') });
  const callTimeoutMs = numberEnv(env, 'timeoutMs');
  const incidents = { incidents: ports.incidents ?? incidentsFromEnv(env), publisher: ports.publisher ?? optionalAlertPublisherFromEnv(env) };
  return middy(async (event: SubmitEvent): Promise<SubmitOutput> => {
    const input = withResolvedFlow(event, scheduleConfig);
    logger.appendKeys({ runId: input.runId, flow: input.flow.name, trigger: input.trigger.kind });
    const run = await submitRun(input, { dataworq, clock: systemClock, log: asLog(logger), claimTrigger, journal, ledger, readParameterSecret, callTimeoutMs, metrics, ...incidents, ...ports });
    return { flow: input.flow, trigger: input.trigger, run };
  }).use(injectLambdaContext(logger, { resetKeys: true })).use(flushMetrics(metrics));
}
