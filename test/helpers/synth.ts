/** Synthesizes the stack for template tests (bundling skipped: the template is what is tested). */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DataworqStack } from '../../infra/dataworq-stack.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import { loadConfig } from '../../shared/config/load.ts';

export function synthStack(config: DwqConfig = loadConfig()): { stack: DataworqStack; template: Template } {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new DataworqStack(app, 'DataworqRunner', { config, env: { account: '123456789012', region: 'eu-west-1' } });
  return { stack, template: Template.fromStack(stack) };
}
