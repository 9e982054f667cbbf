/** The stack only composes constructs: one per concern. */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DwqConfig } from '../shared/config/schema.ts';
import { Alerts } from './constructs/alerts.ts';
import { ConnectorSecret } from './constructs/connector-secret.ts';
import { RunEngine } from './constructs/run-engine.ts';
import { RunStateTable } from './constructs/run-state-table.ts';

export interface DataworqStackProps extends StackProps {
  readonly config: DwqConfig;
}

export class DataworqStack extends Stack {
  readonly runEngine: RunEngine;
  readonly alerts: Alerts;
  readonly connectorSecret: ConnectorSecret;
  readonly stateTable: RunStateTable;

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
    });

    new CfnOutput(this, 'StateMachineArn', { value: this.runEngine.stateMachine.stateMachineArn });
    new CfnOutput(this, 'AlertsTopicArn', { value: this.alerts.topic.topicArn });
    new CfnOutput(this, 'ConnectorSecretId', {
      value: this.connectorSecret.secretId,
      description: 'Put {"apiKey": "...", "userApiKey": "..."} in this secret',
    });
  }
}
