/**
 * The run engine: the Submit, Check and Notify Lambdas and the RunFlow state machine that
 * follows every run from submit to its alert. Grants come last, and are only what each needs.
 */
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { MEMORY_KEY_PREFIX } from '../../shared/aws/dynamodb/alert-memory.ts';
import { RUN_PREFIX } from '../../shared/aws/dynamodb/run-item.ts';
import { keysStartingWith } from './run-state-table.ts';
import { LAMBDA_ENV, LAMBDA_ENV_DEFAULTS } from '../../shared/aws/lambda-env.ts';
import type { ScheduleConfigFile } from '../../shared/aws/config-file.ts';
import type { SubscriberConfig } from '../../shared/config/schema.ts';
import { subscriberFilters } from '../../shared/ledger/subscriber-filters.ts';
import { CLAIM_KEY_PREFIX } from '../../shared/run/trigger-claims.ts';
import { submitTimeoutSeconds } from '../../shared/run/submit.ts';
import { PAUSE_PREFIX } from '../../shared/aws/dynamodb/pause-flags.ts';
import { INCIDENT_KEY } from '../../shared/aws/dynamodb/incidents.ts';
import { MAINTENANCE_PREFIX, SNOOZE_PREFIX } from '../../shared/aws/dynamodb/maintenance.ts';
import { publishesAlerts } from './alerts.ts';
import { BaseFunction } from './base-function.ts';
import { buildRunFlowDefinition } from './run-flow-definition.ts';
import { CHECK_LAMBDA, checkTimeoutSeconds } from '../../shared/run/polling.ts';
import type { TransportKind } from '../../shared/dataworq/constants.ts';

export interface RunEngineProps {
  readonly connector: {
    readonly transport: TransportKind;
    readonly url?: string;
    readonly timeoutSeconds: number;
  };
  readonly connectorSecret: secretsmanager.ISecret;
  /** Name or ARN the Lambdas read. */
  readonly connectorSecretId: string;
  readonly alertsTopic: sns.ITopic;
  /** The topic's key: publishing to an encrypted topic needs it. */
  readonly alertsKey: kms.IKey;
  /** Trigger claims (Submit) and alert memory (Notify). */
  readonly stateTable: dynamodb.ITableV2;
  /** Longest max duration of any flow, so the execution's own timeout is never the first to fire. */
  readonly longestMaxDurationSeconds: number;
  /** runs.keepFor: how long the run ledger keeps each record. Default RUN_LEDGER.defaultKeepForSeconds. */
  readonly runsKeepForSeconds?: number;
  /** Flows with schedules: Submit and Notify resolve a schedule's flow by its name from them (shared/run/scheduled-input.ts). */
  readonly scheduleConfig?: ScheduleConfigFile;
  /** The alert subscribers, so Notify records whose filter policy each alert matched. */
  readonly subscribers?: readonly SubscriberConfig[];
  /** Names of the secrets `parameters.X.fromSecret` reads: Submit may read exactly these. */
  readonly parameterSecretNames?: readonly string[];
}

/** Lambda environments hold 4 KB in all: past this, Notify records alerts without the matched subscribers. */
const MAX_SUBSCRIBER_FILTERS_CHARS = 2000;

export class RunEngine extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly submitFunction: BaseFunction;
  readonly checkFunction: BaseFunction;
  readonly notifyFunction: BaseFunction;

  constructor(scope: Construct, id: string, props: RunEngineProps) {
    super(scope, id);
    const connectorEnv = {
      [LAMBDA_ENV.transport]: props.connector.transport,
      ...(props.connector.url ? { [LAMBDA_ENV.baseUrl]: props.connector.url } : {}),
      [LAMBDA_ENV.connectorSecret]: props.connectorSecretId,
      [LAMBDA_ENV.timeoutMs]: String(props.connector.timeoutSeconds * 1000),
      [LAMBDA_ENV.secretMaxAgeSeconds]: String(LAMBDA_ENV_DEFAULTS.secretMaxAgeSeconds),
      [LAMBDA_ENV.stateTable]: props.stateTable.tableName,
      [LAMBDA_ENV.runsKeepForSeconds]: String(props.runsKeepForSeconds ?? LAMBDA_ENV_DEFAULTS.runsKeepForSeconds),
    };
    const filters = JSON.stringify(subscriberFilters(props.subscribers ?? []));
    this.submitFunction = new BaseFunction(this, 'Submit', {
      name: 'submit',
      description: 'Starts a DataWORQ flow (overlap policy, no double starts)',
      environment: connectorEnv,
      ...(props.scheduleConfig ? { configFile: props.scheduleConfig } : {}),
      // Its retries are planned within a budget of call timeouts (shared/run/submit.ts).
      timeout: Duration.seconds(submitTimeoutSeconds(props.connector.timeoutSeconds)),
    });
    this.checkFunction = new BaseFunction(this, 'Check', {
      name: 'check',
      description: 'Checks a DataWORQ job and chooses the next poll interval',
      environment: connectorEnv,
      // Checks in-process while the interval is short (shared/run/polling.ts): the budget plus two calls and a margin.
      timeout: Duration.seconds(checkTimeoutSeconds(props.connector.timeoutSeconds)),
      memorySize: CHECK_LAMBDA.memoryMb,
    });
    this.notifyFunction = new BaseFunction(this, 'Notify', {
      name: 'notify',
      description: 'Publishes the run outcome to the alerts topic',
      environment: {
        [LAMBDA_ENV.stateTable]: props.stateTable.tableName,
        [LAMBDA_ENV.runsKeepForSeconds]: String(props.runsKeepForSeconds ?? LAMBDA_ENV_DEFAULTS.runsKeepForSeconds),
        ...(filters.length <= MAX_SUBSCRIBER_FILTERS_CHARS ? { [LAMBDA_ENV.subscriberFilters]: filters } : {}),
      },
      ...(props.scheduleConfig ? { configFile: props.scheduleConfig } : {}),
      timeout: Duration.seconds(20),
    });

    const logGroup = new logs.LogGroup(this, 'ExecutionLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'RunFlow', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      comment: 'Runs one DataWORQ flow: submit, poll until it ends, alert',
      definitionBody: sfn.DefinitionBody.fromChainable(
        buildRunFlowDefinition(new Construct(this, 'States'), { submit: this.submitFunction, check: this.checkFunction, notify: this.notifyFunction }),
      ),
      // A backstop only: Check ends the run at the flow's max duration.
      timeout: Duration.seconds(props.longestMaxDurationSeconds + 3600),
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ERROR, includeExecutionData: false },
    });

    props.connectorSecret.grantRead(this.submitFunction);
    props.connectorSecret.grantRead(this.checkFunction);
    // Conditional puts and reads only, each on its own keys: Submit claims a trigger once, journals its
    // run and reads pause flags; Check and Submit read and close the connector incident; Notify keeps
    // the flow's alert memory, the incident, maintenance records and snoozes.
    const ownKeys = (actions: readonly string[], prefixes: readonly string[]) =>
      new iam.PolicyStatement({
        actions: [...actions],
        resources: [props.stateTable.tableArn],
        conditions: keysStartingWith(...prefixes),
      });
    const getPut = ['dynamodb:GetItem', 'dynamodb:PutItem'];
    this.submitFunction.addToRolePolicy(ownKeys(getPut, [CLAIM_KEY_PREFIX, RUN_PREFIX, INCIDENT_KEY]));
    this.submitFunction.addToRolePolicy(ownKeys(['dynamodb:GetItem'], [PAUSE_PREFIX]));
    this.checkFunction.addToRolePolicy(ownKeys(getPut, [INCIDENT_KEY]));
    this.notifyFunction.addToRolePolicy(ownKeys(getPut, [MEMORY_KEY_PREFIX, INCIDENT_KEY, MAINTENANCE_PREFIX, SNOOZE_PREFIX]));
    this.grantParameterSecrets(props.parameterSecretNames ?? []);
    // UpdateItem merges, never replaces: the run ledger (Submit creates each run's record, Check
    // updates it, Notify ends it), the connector incident (all three), maintenance records (Notify).
    this.submitFunction.addToRolePolicy(ownKeys(['dynamodb:UpdateItem'], [RUN_PREFIX, INCIDENT_KEY]));
    this.checkFunction.addToRolePolicy(ownKeys(['dynamodb:UpdateItem'], [RUN_PREFIX, INCIDENT_KEY]));
    this.notifyFunction.addToRolePolicy(ownKeys(['dynamodb:UpdateItem'], [RUN_PREFIX, INCIDENT_KEY, MAINTENANCE_PREFIX]));
    // Notify sends the run's alert; Submit and Check, the connector incident's recovery alert (the
    // call that finds DataWORQ answering again).
    for (const fn of [this.submitFunction, this.checkFunction, this.notifyFunction]) publishesAlerts(fn, props.alertsTopic, props.alertsKey);
  }

  /** Secrets Manager ARNs end in a random six-character suffix: `<name>-??????` matches that secret only. */
  private grantParameterSecrets(names: readonly string[]): void {
    if (names.length === 0) return;
    const stack = Stack.of(this);
    const arns = [...new Set(names)].map((name) =>
      stack.formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: `${name}-??????`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
    );
    this.submitFunction.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: arns }));
  }
}
