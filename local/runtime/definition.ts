/**
 * The RunFlow definition exactly as CDK synthesizes it for AWS, with the Lambda ARNs (tokens in
 * the template) replaced by stable placeholder ARNs. Local mode and the tests execute this, so
 * what runs on a laptop is what gets deployed.
 */
import { App } from 'aws-cdk-lib';
import { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { DwqConfig } from '../../shared/config/schema.ts';
import { DataworqStack } from '../../infra/dataworq-stack.ts';
import { InvariantError } from '../../shared/errors.ts';

export interface AslDefinition {
  readonly StartAt: string;
  readonly States: Record<string, Record<string, unknown>>;
  readonly [key: string]: unknown;
}

type TemplateValue = string | { 'Fn::GetAtt'?: [string, string]; Ref?: string; 'Fn::Join'?: [string, TemplateValue[]] };

/**
 * Builds the stack (bundling skipped) and resolves the state machine's DefinitionString as the
 * template would carry it. No cloud assembly is written: that full synth (asset staging, the
 * template files) takes seconds and adds nothing to the definition.
 */
export function synthesizeRunFlowDefinition(config: DwqConfig): AslDefinition {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  // The definition does not depend on the subscribers, and a local-only one (a webhook to 127.0.0.1) is refused by a deploy's synth.
  const stack = new DataworqStack(app, 'DataworqRunnerLocal', { config: { ...config, subscribers: [] }, env: { account: '123456789012', region: 'us-east-1' } });
  const machine = stack.node.findAll().find((construct): construct is CfnStateMachine => construct instanceof CfnStateMachine);
  if (!machine) throw new InvariantError('the stack has no state machine');
  return definitionFromTemplateValue(stack.resolve(machine.definitionString) as TemplateValue);
}

/** Turns a template's DefinitionString (a string or an Fn::Join of strings and tokens) into ASL. */
export function definitionFromTemplateValue(value: TemplateValue): AslDefinition {
  return JSON.parse(resolveTokens(value)) as AslDefinition;
}

function resolveTokens(value: TemplateValue): string {
  if (typeof value === 'string') return value;
  if (value['Fn::Join']) return value['Fn::Join'][1].map(resolveTokens).join(value['Fn::Join'][0]);
  if (value['Fn::GetAtt']) return `arn:aws:lambda:us-east-1:123456789012:function:${value['Fn::GetAtt'][0]}`;
  if (value.Ref === 'AWS::Partition') return 'aws';
  if (value.Ref === 'AWS::Region') return 'us-east-1';
  if (value.Ref === 'AWS::AccountId') return '123456789012';
  if (value.Ref) return value.Ref;
  throw new InvariantError(`unexpected token in the state machine definition: ${JSON.stringify(value)}`);
}
