/**
 * Builds the run engine's AWS ports from a Lambda's environment. The names and defaults are
 * lambda-env.ts's, which the CDK construct sets from too.
 */
import type { AlertPublisher } from '../alerts/publisher.ts';
import { createDataworqClient } from '../dataworq/create-client.ts';
import type { DataworqClient } from '../dataworq/types.ts';
import { numberEnv, optionalEnv, requiredEnv, type Env } from './lambda-env.ts';
import { connectorKeysFromSecretsManager } from './secrets-manager/connector-keys.ts';
import { SnsAlertPublisher } from './sns/alert-publisher.ts';

export function dataworqFromEnv(env: Env): DataworqClient {
  const transport = optionalEnv(env, 'transport') === 'native' ? 'native' : 'cloud-connector';
  const baseUrl = optionalEnv(env, 'baseUrl');
  return createDataworqClient({
    transport,
    ...(baseUrl ? { baseUrl } : {}),
    timeoutMs: numberEnv(env, 'timeoutMs'),
    keys: connectorKeysFromSecretsManager({
      secretId: requiredEnv(env, 'connectorSecret'),
      maxAgeSeconds: numberEnv(env, 'secretMaxAgeSeconds'),
    }),
  });
}

export function alertPublisherFromEnv(env: Env): AlertPublisher {
  return new SnsAlertPublisher({ topicArn: requiredEnv(env, 'alertsTopicArn') });
}

/** The publisher when the environment names the alerts topic (Submit and Check send the connector's recovery alert with it). */
export function optionalAlertPublisherFromEnv(env: Env): AlertPublisher | undefined {
  return optionalEnv(env, 'alertsTopicArn') ? alertPublisherFromEnv(env) : undefined;
}
