/**
 * Every environment variable the Lambdas read, and its default: the one registry that the CDK
 * constructs (which set them) and the Lambdas (which read them) share. Light on purpose: the
 * webhook reads it at init, so it imports no SDK and no schema.
 */
import { ConfigError } from '../config/config-error.ts';
import { RUN_LEDGER } from '../ledger/constants.ts';

export const LAMBDA_ENV = {
  /** Submit, Check: `cloud-connector` (default) or `native`. */
  transport: 'DWQ_TRANSPORT',
  /** Submit, Check: the connector's URL; absent = the transport's default. */
  baseUrl: 'DWQ_BASE_URL',
  /** Submit, Check: name or ARN of the connector secret `{ "apiKey", "userApiKey" }`. */
  connectorSecret: 'DWQ_CONNECTOR_SECRET',
  /** Submit, Check: per DataWORQ call. */
  timeoutMs: 'DWQ_TIMEOUT_MS',
  /** Submit, Check, webhook, Deliver: how long a secret's value is kept before it is read again. */
  secretMaxAgeSeconds: 'DWQ_SECRET_MAX_AGE_SECONDS',
  /** Notify. */
  alertsTopicArn: 'DWQ_ALERTS_TOPIC_ARN',
  /** Submit, Notify: the run state table; absent = no trigger claims, run journal or alert memory. */
  stateTable: 'DWQ_STATE_TABLE',
  /** Optional DynamoDB endpoint (local mode and tests: a DynamoDB-compatible server). */
  dynamodbEndpoint: 'DWQ_DYNAMODB_ENDPOINT',
  /** Webhook, tests only: the flows config as JSON; deployed, it is config.json in the asset (shared/aws/config-file.ts). */
  config: 'DWQ_CONFIG_JSON',
  /** Webhook, tests only: `{ "<caller key>": { "signing": "<secret name or ARN>", "token": "…" } }`; deployed, in config.json. */
  webhookSecrets: 'DWQ_WEBHOOK_SECRETS',
  /** Webhook: the RunFlow state machine it starts and describes. */
  stateMachineArn: 'STATE_MACHINE_ARN',
  /** Submit, Check, Notify: runs.keepFor in seconds (the run records' TTL). */
  runsKeepForSeconds: 'DWQ_RUNS_KEEP_FOR_SECONDS',
  /** Notify: JSON `[{ name, policy }]`, names and filter policies only, never an endpoint. */
  subscriberFilters: 'DWQ_ALERT_SUBSCRIBER_FILTERS',
  /** Deliver: the subscribers it delivers to, one per queue (DeliverySubscriber[] as JSON). */
  deliverySubscribers: 'DWQ_DELIVERY_SUBSCRIBERS',
  /** Deliver: the URL of the dead-letter queue for alerts that could not be delivered. */
  deliveryDeadLetterQueueUrl: 'DWQ_DELIVERY_DLQ_URL',
  /** Set by the Lambda runtime: present = running in Lambda, where metrics go out as EMF (shared/aws/metrics.ts). */
  functionName: 'AWS_LAMBDA_FUNCTION_NAME',
  /** Set by the Lambda runtime; read for a DynamoDB endpoint override only. */
  region: 'AWS_REGION',
} as const;

export type LambdaEnvKey = keyof typeof LAMBDA_ENV;

export const LAMBDA_ENV_DEFAULTS = {
  transport: 'cloud-connector',
  timeoutMs: 10_000,
  /** 90 days, as `runs.keepFor` defaults (shared/ledger/constants.ts). */
  runsKeepForSeconds: RUN_LEDGER.defaultKeepForSeconds,
  /** A rotated secret is picked up within this many seconds, without a redeploy. */
  secretMaxAgeSeconds: 300,
  region: 'us-east-1',
} as const satisfies Partial<Record<LambdaEnvKey, string | number>>;

export type Env = Readonly<Record<string, string | undefined>>;

/** A variable the stack always sets is missing or empty. */
export class MissingEnvError extends ConfigError {
  override readonly name: string = 'MissingEnvError';
  constructor(name: string) {
    super(name, ['(environment): not set; the stack sets it: deploy with `npx cdk deploy` instead of editing the function']);
  }
}

/** The value, or undefined when unset or empty. */
export function optionalEnv(env: Env, key: LambdaEnvKey): string | undefined {
  const value = env[LAMBDA_ENV[key]];
  return value === undefined || value === '' ? undefined : value;
}

export function requiredEnv(env: Env, key: LambdaEnvKey): string {
  const value = optionalEnv(env, key);
  if (value === undefined) throw new MissingEnvError(LAMBDA_ENV[key]);
  return value;
}

/** A number variable, its default when unset. */
export function numberEnv(env: Env, key: 'timeoutMs' | 'secretMaxAgeSeconds' | 'runsKeepForSeconds'): number {
  const value = optionalEnv(env, key);
  return Number(value ?? LAMBDA_ENV_DEFAULTS[key]);
}
