/**
 * The webhook HTTP API: `ANY /flows/{flow}/runs`, `ANY /runs`, `ANY /runs/{runId}` and
 * `ANY /runs/{runId}/rerun` to the webhook Lambda
 * (ANY, so a wrong method gets the Lambda's 405 rather than API Gateway's 404), stage throttling
 * from the config, access logs without headers. The Lambda carries its part of the config (webhook
 * flows and callers, shared/config/config-subsets.ts) and its secrets' names as a file in its
 * asset, and reads its callers' credentials from Secrets Manager. Grants come last.
 */
import { Duration, RemovalPolicy, Stack, ArnFormat } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { LAMBDA_ENV, LAMBDA_ENV_DEFAULTS } from '../../shared/aws/lambda-env.ts';
import { webhookConfigOf } from '../../shared/config/config-subsets.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import type { WebhookConfigFile } from '../../shared/aws/config-file.ts';
import { STATE_TABLE } from '../../shared/aws/dynamodb/state-table.ts';
import { BaseFunction } from './base-function.ts';
import { keysStartingWith } from './run-state-table.ts';
import { WebhookSecrets } from './webhook-secrets.ts';
import { RUN_PREFIX } from '../../shared/aws/dynamodb/run-item.ts';

export interface WebhookApiProps {
  readonly config: DwqConfig;
  /** A StateMachine, not an import: its name scopes the execution grants. */
  readonly stateMachine: sfn.StateMachine;
  /** Webhook secrets are named `<prefix>/callers/<caller>/…` and, for flows' own, `<prefix>/<flow>/…`. */
  readonly secretNamePrefix: string;
  /** The run state table: GET /runs and GET /runs/{runId} read the run ledger, re-runs read the original. */
  readonly stateTable?: dynamodb.ITableV2;
}

/** HTTP API context variables only: no headers, so no Authorization or signature in the logs. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  responseLength: '$context.responseLength',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  latency: '$context.responseLatency',
});

export class WebhookApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly function: BaseFunction;
  readonly secrets: WebhookSecrets;
  /** What the Lambda's `config.json` holds. */
  readonly configFile: WebhookConfigFile;

  constructor(scope: Construct, id: string, props: WebhookApiProps) {
    super(scope, id);
    this.secrets = new WebhookSecrets(this, 'Secrets', { config: props.config, namePrefix: props.secretNamePrefix });
    // The config validated at synth, as data: the Lambda trusts it and carries no schema.
    this.configFile = { config: webhookConfigOf(props.config), webhookSecrets: this.secrets.names };
    this.function = new BaseFunction(this, 'Function', {
      name: 'webhook',
      description: 'Starts and reports DataWORQ runs for signed webhook calls',
      environment: {
        [LAMBDA_ENV.stateMachineArn]: props.stateMachine.stateMachineArn,
        [LAMBDA_ENV.secretMaxAgeSeconds]: String(LAMBDA_ENV_DEFAULTS.secretMaxAgeSeconds),
        ...(props.stateTable ? { [LAMBDA_ENV.stateTable]: props.stateTable.tableName } : {}),
      },
      configFile: this.configFile,
      timeout: Duration.seconds(15),
    });

    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-webhook`,
      description: 'Signed webhooks that start DataWORQ runs and report them',
      createDefaultStage: false,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.config.webhook.throttle.rateLimit, burstLimit: props.config.webhook.throttle.burstLimit },
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(this.accessLogs()), format: AccessLogFormat.custom(ACCESS_LOG_FORMAT) },
    });
    const integration = new HttpLambdaIntegration('Webhook', this.function);
    this.api.addRoutes({ path: '/flows/{flow}/runs', methods: [apigw.HttpMethod.ANY], integration });
    this.api.addRoutes({ path: '/runs/{runId}', methods: [apigw.HttpMethod.ANY], integration });
    this.api.addRoutes({ path: '/runs', methods: [apigw.HttpMethod.ANY], integration });
    this.api.addRoutes({ path: '/runs/{runId}/rerun', methods: [apigw.HttpMethod.ANY], integration });

    this.grant(props.stateMachine);
    if (props.stateTable) this.grantLedgerRead(props.stateTable);
  }

  /** The base URL callers use, ending in `/`. */
  get url(): string {
    return this.stage.url;
  }

  private accessLogs(): logs.LogGroup {
    return new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  }

  /** Start on the state machine; describe and read history on its executions only; read the secrets. */
  private grant(stateMachine: sfn.StateMachine): void {
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [stateMachine.stateMachineArn] }));
    const executions = Stack.of(this).formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${stateMachine.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:DescribeExecution', 'states:GetExecutionHistory'], resources: [executions] }));
    this.secrets.grantRead(this.function);
  }

  /** Read-only: a record by key, and the ledger's indexes (listings, pause flags). */
  private grantLedgerRead(table: dynamodb.ITableV2): void {
    // Run records only (GET /runs/{id}): never a claim, the alert memory or a pause flag.
    this.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn], conditions: keysStartingWith(RUN_PREFIX) }),
    );
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: Object.values(STATE_TABLE.indexes).map((index) => `${table.tableArn}/index/${index.name}`) }));
  }
}

