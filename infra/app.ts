/**
 * The CDK app: reads the flows config (DWQ_CONFIG, the `config` context value, or
 * config/dataworq.yaml) and builds one stack from it. `npx cdk synth` works offline.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { assertConfigWithinLimits, assertTemplatesWithinLimits } from '../shared/config/deployment-limits.ts';
import { loadConfig } from '../shared/config/load.ts';
import { DataworqStack } from './dataworq-stack.ts';
import { synthesizedTemplates } from './synthesized-templates.ts';

const app = new App();
// cdk-nag's AwsSolutions pack: synth fails on a finding not acknowledged in infra/nag-acknowledgements.ts.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const configPath = (app.node.tryGetContext('config') as string | undefined) ?? process.env.DWQ_CONFIG;
const config = loadConfig(configPath);
const stackName = (app.node.tryGetContext('stackName') as string | undefined) ?? 'DataworqRunner';
// Limits seen coming (resources, outputs, payload sizes): named before anything is built, then checked on the templates.
assertConfigWithinLimits(config, configPath ?? 'config/dataworq.yaml');

new DataworqStack(app, stackName, {
  config,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: 'Runs DataWORQ flows on schedules and webhooks, follows every run, and alerts by email and SMS',
});
assertTemplatesWithinLimits(synthesizedTemplates(app.synth().directory), configPath ?? 'config/dataworq.yaml');
