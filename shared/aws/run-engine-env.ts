/**
 * Builds the run engine's ports from a Lambda's environment. The CDK sets these variables; the
 * names live here so the construct and the Lambdas agree on them.
 */
import { createDataworqClient } from '../dataworq/create-client.ts';
import type { DataworqClient } from '../dataworq/types.ts';
import { connectorKeysFromSecretsManager } from '../secrets/connector-keys.ts';
import { SnsAlertPublisher } from '../alerts/sns-publisher.ts';
import type { AlertPublisher } from '../alerts/publisher.ts';

export const RUN_ENGINE_ENV = {
  transport: 'DWQ_TRANSPORT',
  baseUrl: 'DWQ_BASE_URL',
  connectorSecret: 'DWQ_CONNECTOR_SECRET',
  timeoutMs: 'DWQ_TIMEOUT_MS',
  secretMaxAgeSeconds: 'DWQ_SECRET_MAX_AGE_SECONDS',
  alertsTopicArn: 'DWQ_ALERTS_TOPIC_ARN',
} as const;

type Env = Readonly<Record<string, string | undefined>>;

function required(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new Error(`environment variable ${name} is not set`);
  return value;
}

export function dataworqFromEnv(env: Env): DataworqClient {
  const transport = env[RUN_ENGINE_ENV.transport] === 'native' ? 'native' : 'cloud-connector';
  const baseUrl = env[RUN_ENGINE_ENV.baseUrl];
  return createDataworqClient({
    transport,
    ...(baseUrl ? { baseUrl } : {}),
    timeoutMs: Number(env[RUN_ENGINE_ENV.timeoutMs] ?? 10_000),
    keys: connectorKeysFromSecretsManager({
      secretId: required(env, RUN_ENGINE_ENV.connectorSecret),
      maxAgeSeconds: Number(env[RUN_ENGINE_ENV.secretMaxAgeSeconds] ?? 300),
    }),
  });
}

export function alertPublisherFromEnv(env: Env): AlertPublisher {
  return new SnsAlertPublisher({ topicArn: required(env, RUN_ENGINE_ENV.alertsTopicArn) });
}
