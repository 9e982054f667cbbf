/**
 * The CDK app: reads the flows config (DWQ_CONFIG, the `config` context value, or
 * config/dataworq.yaml) and builds one stack from it. `npx cdk synth` works offline.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigError } from '../shared/config/config-error.ts';
import { assertConfigWithinLimits, assertTemplatesWithinLimits } from '../shared/config/deployment-limits.ts';
import { loadConfig } from '../shared/config/load.ts';
import { DataworqStack } from './dataworq-stack.ts';
import { synthesizedTemplates } from './synthesized-templates.ts';

const app = new App();
// cdk-nag's AwsSolutions pack: synth fails on a finding not acknowledged in infra/nag-acknowledgements.ts.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const configPath = (app.node.tryGetContext('config') as string | undefined) ?? process.env.DWQ_CONFIG;
const config = userErrorsOrExit(() => loadConfig(configPath));
const stackName = (app.node.tryGetContext('stackName') as string | undefined) ?? 'DataworqRunner';
// Limits seen coming (resources, outputs, payload sizes): named before anything is built, then checked on the templates.
userErrorsOrExit(() => assertConfigWithinLimits(config, configPath ?? 'config/dataworq.yaml'));

new DataworqStack(app, stackName, {
  config,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: 'Runs DataWORQ flows on schedules and webhooks, follows every run, and alerts by email and SMS',
});
// The templates as synthesized: their sizes, resources and outputs against CloudFormation's limits.
userErrorsOrExit(() => assertTemplatesWithinLimits(synthesizedTemplates(app.synth().directory), configPath ?? 'config/dataworq.yaml'));

/** A config mistake or a limit (DeploymentLimitError is a ConfigError) is the user's to fix: its messages, without a stack trace or a zod dump. */
function userErrorsOrExit<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
