import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createLogger } from '../../shared/aws/logger.ts';
import { runLedgerFromEnv } from '../../shared/aws/run-ledger-env.ts';
import { SfnRunLauncher } from '../../shared/aws/sfn-run-launcher.ts';
import { systemClock } from '../../shared/clock.ts';
import { handleWebhookRequest } from '../../shared/webhook/handle-webhook.ts';
import type { WebhookDeps } from '../../shared/webhook/webhook-deps.ts';
import { toApiGatewayResult, toHttpRequest } from './api-gateway.ts';
import { SecretsManagerWebhookSecrets } from './secrets-manager-webhook-secrets.ts';
import { requiredEnv, secretNamesFromEnv, WEBHOOK_ENV } from './webhook-env-vars.ts';

type Env = Readonly<Record<string, string | undefined>>;

const INTERNAL_ERROR = JSON.stringify({ error: 'internal', message: 'internal error' });

/** The webhook Lambda, built from an environment (process.env in AWS; a test's own in tests). */
export function createWebhookHandler(env: Env) {
  const logger = createLogger();
  const wiring: Omit<WebhookDeps, 'config'> = {
    secrets: new SecretsManagerWebhookSecrets({
      names: secretNamesFromEnv(env[WEBHOOK_ENV.secrets]),
      maxAgeSeconds: Number(env[WEBHOOK_ENV.secretMaxAgeSeconds] ?? 300),
    }),
    launcher: new SfnRunLauncher({ stateMachineArn: requiredEnv(env, WEBHOOK_ENV.stateMachineArn) }),
    clock: systemClock,
    logger,
    ledger: runLedgerFromEnv(env),
  };
  const depsOnFirstRequest = validatedOnFirstRequest(env[WEBHOOK_ENV.config], wiring);
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

/**
 * The inlined config is validated on the first request, then kept: its schema, built and run at
 * module load, was most of the webhook's cold start (docs/bench.md, P3). A bad config fails each
 * request with a 500, and httpErrorHandler logs the ConfigError, which names every problem.
 */
function validatedOnFirstRequest(configText: string | undefined, wiring: Omit<WebhookDeps, 'config'>): () => Promise<WebhookDeps> {
  let deps: WebhookDeps | undefined;
  return async () => {
    if (deps !== undefined) return deps;
    // A dynamic import, so that esbuild evaluates the config schema's modules only here.
    const { configFromEnv } = await import('./webhook-env.ts');
    deps = { ...wiring, config: configFromEnv(configText) };
    return deps;
  };
}
