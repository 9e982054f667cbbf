/** The stack only composes constructs: one per concern. */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { OPERATOR_OUTPUTS } from '../shared/aws/cloudformation/stack-output-names.ts';
import { scheduleConfigOf } from '../shared/config/config-subsets.ts';
import type { DwqConfig } from '../shared/config/schema.ts';
import { AlertDelivery } from './constructs/alert-delivery.ts';
import { Alarms } from './constructs/alarms.ts';
import { Alerts } from './constructs/alerts.ts';
import { ConnectorSecret } from './constructs/connector-secret.ts';
import { OperatorPolicy } from './constructs/operator-policy.ts';
import { Dashboard } from './constructs/dashboard.ts';
import { RunEngine } from './constructs/run-engine.ts';
import { RunStateTable } from './constructs/run-state-table.ts';
import { Schedules } from './constructs/schedules.ts';
import { Watchdog } from './constructs/watchdog.ts';
import { WebhookApi } from './constructs/webhook-api.ts';
import { acknowledgeNagFindings } from './nag-acknowledgements.ts';

export interface DataworqStackProps extends StackProps {
  readonly config: DwqConfig;
}

export class DataworqStack extends Stack {
  readonly runEngine: RunEngine;
  readonly alerts: Alerts;
  readonly connectorSecret: ConnectorSecret;
  readonly stateTable: RunStateTable;
  /** Present when at least one flow has a schedule. */
  readonly schedules?: Schedules;
  /** Present when a subscriber is on Slack, Teams or a webhook. */
  readonly alertDelivery?: AlertDelivery;
  /** Present when at least one flow has a webhook. */
  readonly webhookApi?: WebhookApi;
  /** MISSED fires, LATE runs, SUSPICIOUS completions (docs/watchdog.md): every flow has runs to watch. */
  readonly watchdog: Watchdog;
  /** The backstop: our own failures reach the alarm topic (email subscribers by default). */
  readonly alarms: Alarms;
  /** What the dwq operator commands need (--stack): attach it to an operator's user or role. */
  readonly operatorPolicy: OperatorPolicy;
  /** Outcomes, durations, failure rate, DataWORQ latency and errors, and the alarms (Powertools EMF metrics). */
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: DataworqStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.connectorSecret = new ConnectorSecret(this, 'ConnectorSecret', {
      ...(config.connector.secret ? { existing: config.connector.secret } : {}),
      secretName: `${id}/connector`,
    });
    this.stateTable = new RunStateTable(this, 'RunState');
    this.alerts = new Alerts(this, 'Alerts', { subscribers: config.subscribers });
    if (AlertDelivery.needed(config.subscribers)) {
      this.alertDelivery = new AlertDelivery(this, 'AlertDelivery', { subscribers: config.subscribers, topic: this.alerts.topic, secretNamePrefix: `${id}/subscriber` });
    }
    this.runEngine = new RunEngine(this, 'RunEngine', {
      connector: config.connector,
      connectorSecret: this.connectorSecret.secret,
      connectorSecretId: this.connectorSecret.secretId,
      alertsTopic: this.alerts.topic,
      alertsKey: this.alerts.key,
      stateTable: this.stateTable.table,
      longestMaxDurationSeconds: Math.max(...Object.values(config.flows).map((flow) => flow.maxDurationSeconds)),
      runsKeepForSeconds: config.runs.keepForSeconds,
      subscribers: config.subscribers,
      parameterSecretNames: Object.values(config.flows).flatMap((flow) => Object.values(flow.parameters).flatMap((p) => (p.fromSecret ? [p.fromSecret] : []))),
      ...(Object.values(config.flows).some((flow) => flow.schedules.length > 0) ? { scheduleConfig: { config: scheduleConfigOf(config) } } : {}),
    });

    const flows = Object.values(config.flows);
    if (flows.some((flow) => flow.schedules.length > 0)) {
      this.schedules = new Schedules(this, 'Schedules', { config, stateMachine: this.runEngine.stateMachine });
    }
    if (flows.some((flow) => flow.webhook !== undefined)) {
      this.webhookApi = new WebhookApi(this, 'WebhookApi', {
        config,
        stateMachine: this.runEngine.stateMachine,
        secretNamePrefix: `${id}/webhook`,
        stateTable: this.stateTable.table,
      });
      this.webhookOutputs(this.webhookApi);
    }
    this.watchdog = new Watchdog(this, 'Watchdog', {
      config,
      stateTable: this.stateTable.table,
      alertsTopic: this.alerts.topic,
      alertsKey: this.alerts.key,
      stateMachine: this.runEngine.stateMachine,
    });
    this.alarms = new Alarms(this, 'Alarms', {
      watchdog: this.watchdog.function,
      topic: this.alerts.alarmTopic,
      stateMachine: this.runEngine.stateMachine,
      functions: {
        Submit: this.runEngine.submitFunction,
        Check: this.runEngine.checkFunction,
        Notify: this.runEngine.notifyFunction,
        ...(this.webhookApi ? { Webhook: this.webhookApi.function } : {}),
        ...(this.alertDelivery ? { Deliver: this.alertDelivery.function } : {}),
      },
      ...(this.alertDelivery ? { alertDeadLetterQueue: this.alertDelivery.deadLetterQueue } : {}),
      ...(this.schedules ? { deadLetterQueues: { Schedules: this.schedules.deadLetterQueue } } : {}),
    });
    if (this.alertDelivery) this.subscriberOutputs(this.alertDelivery);
    this.operatorPolicy = new OperatorPolicy(this, 'OperatorPolicy', { stateTable: this.stateTable.table, stateMachine: this.runEngine.stateMachine });
    this.dashboard = new Dashboard(this, 'Dashboard', { alarms: this.alarms.alarms });
    acknowledgeNagFindings(this);

    new CfnOutput(this, OPERATOR_OUTPUTS.stateMachineArn, { value: this.runEngine.stateMachine.stateMachineArn });
    new CfnOutput(this, OPERATOR_OUTPUTS.stateTableName, { value: this.stateTable.table.tableName, description: 'The run ledger and pause flags (dwq runs/pause --stack read it)' });
    new CfnOutput(this, OPERATOR_OUTPUTS.operatorPolicyArn, {
      value: this.operatorPolicy.policy.managedPolicyArn,
      description: 'Attach to whoever runs dwq runs/show/trigger/rerun/pause/resume --stack (aws iam attach-user-policy / attach-role-policy)',
    });
    new CfnOutput(this, 'AlertsTopicArn', { value: this.alerts.topic.topicArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alerts.alarmTopic.topicArn });
    new CfnOutput(this, 'DashboardUrl', { value: this.dashboard.url, description: 'CloudWatch dashboard: outcomes, durations and failure rate per flow, DataWORQ latency and errors, alarms' });
    new CfnOutput(this, 'ConnectorSecretId', {
      value: this.connectorSecret.secretId,
      description: 'Put {"apiKey": "...", "userApiKey": "..."} in this secret',
    });
  }

  private subscriberOutputs(delivery: AlertDelivery): void {
    const used = new Set<string>();
    for (const [subscriber, secretName] of Object.entries(delivery.signingSecretNames)) {
      new CfnOutput(this, uniqueOutputId(`Subscriber${pascalCase(subscriber)}SigningSecret`, used), {
        value: secretName,
        description: `Signing secret of webhook subscriber ${subscriber}: the receiver verifies with whsec_<value>`,
      });
    }
  }

  private webhookOutputs(webhookApi: WebhookApi): void {
    new CfnOutput(this, 'WebhookApiUrl', { value: webhookApi.url, description: 'Base URL: POST <url>flows/<flow>/runs, GET <url>runs/<runId>' });
    const used = new Set<string>();
    for (const [holder, names] of Object.entries(webhookApi.secrets.names)) {
      // A named caller's key is `caller:<name>`; a flow's own credentials are keyed by the flow.
      const caller = holder.startsWith('caller:') ? holder.slice('caller:'.length) : undefined;
      const who = caller === undefined ? `flow ${holder}` : `caller ${caller}`;
      for (const [kind, secretName] of Object.entries(names)) {
        const base = caller === undefined ? `Webhook${pascalCase(holder)}` : `WebhookCaller${pascalCase(caller)}`;
        const outputId = uniqueOutputId(`${base}${kind === 'signing' ? 'Signing' : 'Token'}Secret`, used);
        const use = kind === 'signing' ? 'callers sign with whsec_<value>' : 'callers send Authorization: Bearer <value>';
        new CfnOutput(this, outputId, { value: secretName, description: `Webhook ${kind} secret of ${who}: ${use}` });
      }
    }
  }
}

function pascalCase(name: string): string {
  return name.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/** `a-1` and `a1` both give `A1`: the second gets a counter. */
function uniqueOutputId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let n = 2; used.has(candidate); n++) candidate = `${id}${n}`;
  used.add(candidate);
  return candidate;
}
