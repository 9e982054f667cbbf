import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DataworqStack } from '../../infra/dataworq-stack.ts';
import { loadConfig } from '../../shared/config/load.ts';
const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
new DataworqStack(app, 'DataworqRunner', { config: loadConfig(), env: { account: '123456789012', region: 'eu-west-1' } });
try { app.synth(); console.log('OK'); } catch (e) { console.log((e as Error).name, (e as Error).message.slice(0, 8000)); }
