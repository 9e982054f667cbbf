/**
 * Builds the run engine's DataWORQ client from a Lambda's environment (Submit and Check; the
 * alert publisher is sns/alert-publisher.ts's, so that the watchdog and Notify do not load the
 * DataWORQ client). The names and defaults are lambda-env.ts's, which the CDK construct sets from too.
 */
import { createDataworqClient } from '../dataworq/create-client.ts';
import type { DataworqClient } from '../dataworq/types.ts';
import { numberEnv, optionalEnv, requiredEnv, type Env } from './lambda-env.ts';
import { connectorKeysFromSecretsManager } from './secrets-manager/connector-keys.ts';

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
