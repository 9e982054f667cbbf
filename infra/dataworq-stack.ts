/** The stack only composes constructs: one per concern. */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { scheduleConfigOf } from '../shared/config/config-subsets.ts';
import type { DwqConfig } from '../shared/config/schema.ts';
import { Alarms } from './constructs/alarms.ts';
import { Alerts } from './constructs/alerts.ts';
import { ConnectorSecret } from './constructs/connector-secret.ts';
import { RunEngine } from './constructs/run-engine.ts';
import { RunStateTable } from './constructs/run-state-table.ts';
import { Schedules } from './constructs/schedules.ts';
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
  /** Present when at least one flow has a webhook. */
  readonly webhookApi?: WebhookApi;
  /** The backstop: our own failures reach the alarm topic (email subscribers by default). */
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: DataworqStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.connectorSecret = new ConnectorSecret(this, 'ConnectorSecret', {
      ...(config.connector.secret ? { existing: config.connector.secret } : {}),
      secretName: `${id}/connector`,
    });
    this.stateTable = new RunStateTable(this, 'RunState');
    this.alerts = new Alerts(this, 'Alerts', { subscribers: config.subscribers });
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
    this.alarms = new Alarms(this, 'Alarms', {
      topic: this.alerts.alarmTopic,
      stateMachine: this.runEngine.stateMachine,
      functions: {
        Submit: this.runEngine.submitFunction,
        Check: this.runEngine.checkFunction,
        Notify: this.runEngine.notifyFunction,
        ...(this.webhookApi ? { Webhook: this.webhookApi.function } : {}),
      },
      ...(this.schedules ? { deadLetterQueues: { Schedules: this.schedules.deadLetterQueue } } : {}),
    });
    acknowledgeNagFindings(this);

    new CfnOutput(this, 'StateMachineArn', { value: this.runEngine.stateMachine.stateMachineArn });
    new CfnOutput(this, 'AlertsTopicArn', { value: this.alerts.topic.topicArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alerts.alarmTopic.topicArn });
    new CfnOutput(this, 'ConnectorSecretId', {
      value: this.connectorSecret.secretId,
      description: 'Put {"apiKey": "...", "userApiKey": "..."} in this secret',
    });
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
