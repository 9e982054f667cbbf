/**
 * The CDK app: reads the flows config (DWQ_CONFIG, the `config` context value, or
 * config/dataworq.yaml) and builds one stack from it. `npx cdk synth` works offline.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigError } from '../shared/config/config-error.ts';
import { loadConfig } from '../shared/config/load.ts';
import type { DwqConfig } from '../shared/config/schema.ts';
import { DataworqStack } from './dataworq-stack.ts';

const app = new App();
// cdk-nag's AwsSolutions pack: synth fails on a finding not acknowledged in infra/nag-acknowledgements.ts.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const configPath = (app.node.tryGetContext('config') as string | undefined) ?? process.env.DWQ_CONFIG;
const config = configOrExit(configPath);
const stackName = (app.node.tryGetContext('stackName') as string | undefined) ?? 'DataworqRunner';

new DataworqStack(app, stackName, {
  config,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: 'Runs DataWORQ flows on schedules and webhooks, follows every run, and alerts by email and SMS',
});

/** A config mistake is the user's to fix: its messages, without a stack trace or a zod dump. */
function configOrExit(path: string | undefined): DwqConfig {
  try {
    return loadConfig(path);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
