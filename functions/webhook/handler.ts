import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { numberEnv, optionalEnv, requiredEnv, type Env } from '../../shared/aws/lambda-env.ts';
import { createLogger } from '../../shared/aws/logger.ts';
import { SecretsManagerWebhookSecrets } from '../../shared/aws/secrets-manager/webhook-secrets.ts';
import { SfnRunLauncher } from '../../shared/aws/sfn/run-launcher.ts';
import { runLedgerFromEnv } from '../../shared/aws/run-ledger-env.ts';
import { systemClock } from '../../shared/clock.ts';
import { handleWebhookRequest } from '../../shared/webhook/handle-webhook.ts';
import type { WebhookDeps } from '../../shared/webhook/webhook-deps.ts';
import { toApiGatewayResult, toHttpRequest } from './api-gateway.ts';
import { configFromEnv, secretNamesFromEnv, webhookConfigFromFile } from './webhook-env.ts';

const INTERNAL_ERROR = JSON.stringify({ error: 'internal', message: 'internal error' });

/**
 * The webhook Lambda, built from an environment (process.env in AWS; a test's own in tests) and
 * its config file's reader (AWS: `config.json` in the asset; absent: the environment's
 * DWQ_CONFIG_JSON and DWQ_WEBHOOK_SECRETS, as tests give them).
 */
export function createWebhookHandler(env: Env, readFile: () => unknown = () => undefined) {
  const logger = createLogger();
  const wiring: Omit<WebhookDeps, 'config' | 'secrets'> = {
    launcher: new SfnRunLauncher({ stateMachineArn: requiredEnv(env, 'stateMachineArn') }),
    clock: systemClock,
    logger,
    ledger: runLedgerFromEnv(env),
  };
  const depsOnFirstRequest = validatedOnFirstRequest(() => configOf(env, readFile()), wiring);
  return middy(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> =>
    toApiGatewayResult(await handleWebhookRequest(toHttpRequest(event), await depsOnFirstRequest())),
  )
    // Never log the event: it carries the Authorization header and the signature.
    .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(
      httpErrorHandler({
        logger: (error) => logger.error('webhook failed unexpectedly', { error: { name: error.name, message: error.message } }),
        fallbackMessage: INTERNAL_ERROR,
      }),
    );
}

/** The file when there is one, else the environment's variables. */
function configOf(env: Env, file: unknown): Pick<WebhookDeps, 'config' | 'secrets'> {
  const { config, secretNames } =
    file === undefined
      ? { config: configFromEnv(optionalEnv(env, 'config')), secretNames: secretNamesFromEnv(optionalEnv(env, 'webhookSecrets')) }
      : webhookConfigFromFile(file);
  return { config, secrets: new SecretsManagerWebhookSecrets({ names: secretNames, maxAgeSeconds: numberEnv(env, 'secretMaxAgeSeconds') }) };
}

/**
 * The config is read and checked on the first request, then kept: a schema built and run at
 * module load was most of the webhook's cold start (docs/bench.md, P3). A bad config fails each
 * request with a 500, and httpErrorHandler logs the ConfigError, which names every problem.
 */
function validatedOnFirstRequest(read: () => Pick<WebhookDeps, 'config' | 'secrets'>, wiring: Omit<WebhookDeps, 'config' | 'secrets'>): () => Promise<WebhookDeps> {
  let deps: WebhookDeps | undefined;
  return async () => {
    if (deps !== undefined) return deps;
    deps = { ...wiring, ...read() };
    return deps;
  };
}
