/**
 * The Cloud Connector keys. The template holds only the secret's name or ARN: either an existing
 * secret named in the config, or one this construct creates empty, with a description telling the
 * operator exactly what to paste in.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { LAMBDA_ENV_DEFAULTS } from '../../shared/aws/lambda-env.ts';

export interface ConnectorSecretProps {
  /** Name or ARN of an existing secret; omitted = create one. */
  readonly existing?: string;
  /** Name for a created secret. */
  readonly secretName: string;
}

export class ConnectorSecret extends Construct {
  readonly secret: secretsmanager.ISecret;
  /** What the Lambdas pass to GetSecretValue. */
  readonly secretId: string;

  constructor(scope: Construct, id: string, props: ConnectorSecretProps) {
    super(scope, id);
    if (props.existing?.startsWith('arn:')) {
      this.secret = secretsmanager.Secret.fromSecretCompleteArn(this, 'Imported', props.existing);
      this.secretId = props.existing;
    } else if (props.existing) {
      this.secret = secretsmanager.Secret.fromSecretNameV2(this, 'Imported', props.existing);
      this.secretId = props.existing;
    } else {
      const created = new secretsmanager.Secret(this, 'Secret', {
        secretName: props.secretName,
        description:
          `DataWORQ Cloud Connector keys. Set the value to {"apiKey": "<API key from the Cloud Connector Edit menu, DATAWORQ-...>", "userApiKey": "<API key from DataWORQ user management>"}. Read by the Submit and Check Lambdas; a change takes effect within ${LAMBDA_ENV_DEFAULTS.secretMaxAgeSeconds / 60} minutes.`,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      // Created without a value: the stack never generates, holds or prints the keys.
      (created.node.defaultChild as secretsmanager.CfnSecret).addPropertyDeletionOverride('GenerateSecretString');
      this.secret = created;
      this.secretId = props.secretName;
    }
  }
}
