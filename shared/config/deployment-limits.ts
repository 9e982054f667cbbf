/**
 * The service limits a deployment of many flows could pass, checked before anything is deployed:
 * from the config (by `dwq validate` and at synth, before the stack is built) and from the
 * synthesized templates (at synth, after). Each problem names the limit, the number and what to
 * change, instead of a CloudFormation rollback or a stack trace.
 */
import { DeploymentLimitError } from '../errors.ts';
import { STEP_FUNCTIONS_PAYLOAD_BYTES } from '../model.ts';
import { deployedWebhookCallers, webhookSecretCount } from '../webhook/callers.ts';
import { scheduleRunFlow } from './resolve.ts';
import type { DwqConfig } from './schema.ts';

export const LIMITS = {
  /** CloudFormation, per stack (nested stacks count on their own). */
  resourcesPerStack: 500,
  outputsPerStack: 200,
  parametersPerStack: 200,
  /** CloudFormation: a template uploaded through S3, as `cdk deploy` does. */
  templateBytes: 1_000_000,
  /** Step Functions: an execution's input, and any state's payload. */
  stepFunctionsPayloadBytes: STEP_FUNCTIONS_PAYLOAD_BYTES,
  /** Lambda: all of a function's environment variables together. */
  lambdaEnvironmentBytes: 4_096,
} as const;

/**
 * What the parent stack holds besides schedules and webhook secrets (measured: ~90 with a webhook
 * and a subscriber), with room for the constructs still to come. Outputs likewise.
 */
const PARENT_RESOURCES_BESIDES = 140;
const PARENT_OUTPUTS_BESIDES = 20;
/** A run's state next to its flow: trigger, run state and job summary (shared/model.ts), generously. */
export const RUN_STATE_BYTES = 16_384;
/** Schedules the parent keeps before they move to nested stacks (infra/constructs/schedules.ts). */
const SCHEDULES_IN_PARENT = 150;

/** Every limit the config's stack would pass, as messages; empty when it fits. */
export function configLimitProblems(config: DwqConfig): string[] {
  const problems: string[] = [];
  const callers = deployedWebhookCallers(config);
  const secrets = webhookSecretCount(callers);
  const ownCredentials = callers.filter((caller) => caller.kind === 'flow').length;
  const fix = ownCredentials > 0
    ? `${ownCredentials} flows have credentials of their own (webhook.auth): give them shared named callers instead (webhook.callers, docs/webhook.md)`
    : 'use fewer callers, each listing more flows (webhook.callers, docs/webhook.md)';
  const schedules = Object.values(config.flows).reduce((sum, flow) => sum + flow.schedules.length, 0);
  const parentResources = PARENT_RESOURCES_BESIDES + secrets + (schedules <= SCHEDULES_IN_PARENT ? schedules : 0);
  if (parentResources > LIMITS.resourcesPerStack) {
    problems.push(`CloudFormation allows ${LIMITS.resourcesPerStack} resources per stack: ${secrets} webhook secrets bring the main stack to about ${parentResources}; ${fix}`);
  }
  const outputs = PARENT_OUTPUTS_BESIDES + secrets;
  if (outputs > LIMITS.outputsPerStack) {
    problems.push(`CloudFormation allows ${LIMITS.outputsPerStack} outputs per stack: ${secrets} webhook secrets make about ${outputs} (one output names each secret); ${fix}`);
  }
  problems.push(...payloadProblems(config));
  return problems;
}

/**
 * The biggest state a schedule's run can carry must fit Step Functions' payload limit. (A webhook
 * call's cannot pass it: the schema caps webhook.maxBodyBytes at MAX_WEBHOOK_BODY_BYTES, which
 * leaves RUN_STATE_BYTES of room, and the webhook answers 413 for a bigger input.)
 */
function payloadProblems(config: DwqConfig): string[] {
  const problems: string[] = [];
  const room = LIMITS.stepFunctionsPayloadBytes - RUN_STATE_BYTES;
  for (const flow of Object.values(config.flows)) {
    for (const schedule of flow.schedules) {
      const bytes = Buffer.byteLength(JSON.stringify(scheduleRunFlow(config, flow.name, schedule.name)));
      if (bytes > room) {
        problems.push(`Step Functions allows ${LIMITS.stepFunctionsPayloadBytes} bytes per state: flows.${flow.name} schedule ${schedule.name} runs with ${bytes} bytes of parameters and settings; shorten its parameter values (at most ${room} bytes in all)`);
      }
    }
  }
  return problems;
}

/** One synthesized template, as the cloud assembly holds it. */
export interface SynthesizedTemplate {
  /** The stack's name or the nested template's file name. */
  readonly name: string;
  readonly bytes: number;
  readonly template: {
    readonly Resources?: Readonly<Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }>>;
    readonly Outputs?: Readonly<Record<string, unknown>>;
    readonly Parameters?: Readonly<Record<string, unknown>>;
  };
}

/** Every limit the synthesized templates pass, as messages; empty when they fit. */
export function templateLimitProblems(templates: readonly SynthesizedTemplate[]): string[] {
  const problems: string[] = [];
  const over = (what: string, count: number, limit: number, name: string, fix: string) => {
    if (count > limit) problems.push(`CloudFormation allows ${limit} ${what} per stack: ${name} has ${count}; ${fix}`);
  };
  for (const { name, bytes, template } of templates) {
    const resources = Object.values(template.Resources ?? {});
    over('resources', resources.length, LIMITS.resourcesPerStack, name, 'share webhook credentials through webhook.callers, or report this: schedules split into nested stacks on their own');
    over('outputs', Object.keys(template.Outputs ?? {}).length, LIMITS.outputsPerStack, name, 'share webhook credentials through webhook.callers (one output per secret)');
    over('parameters', Object.keys(template.Parameters ?? {}).length, LIMITS.parametersPerStack, name, 'report this: nested stacks take a few parameters each');
    if (bytes > LIMITS.templateBytes) {
      problems.push(`CloudFormation allows ${LIMITS.templateBytes} bytes of template: ${name} is ${bytes}; shorten schedule descriptions, or share credentials through webhook.callers`);
    }
    for (const [id, resource] of Object.entries(template.Resources ?? {})) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const variables = (resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      const envBytes = Object.entries(variables).reduce((sum, [key, value]) => sum + key.length + (typeof value === 'string' ? Buffer.byteLength(value) : 100), 0);
      if (envBytes > LIMITS.lambdaEnvironmentBytes) {
        problems.push(`Lambda allows ${LIMITS.lambdaEnvironmentBytes} bytes of environment: ${id} in ${name} has about ${envBytes}; report this: large settings belong in its config file (shared/aws/config-file.ts)`);
      }
    }
  }
  return problems;
}

/** Throws DeploymentLimitError listing every problem the config's stack would have. */
export function assertConfigWithinLimits(config: DwqConfig, source = 'config'): void {
  const problems = configLimitProblems(config);
  if (problems.length > 0) throw new DeploymentLimitError(source, problems);
}

export function assertTemplatesWithinLimits(templates: readonly SynthesizedTemplate[], source = 'config'): void {
  const problems = templateLimitProblems(templates);
  if (problems.length > 0) throw new DeploymentLimitError(source, problems);
}
