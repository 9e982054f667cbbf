/** `dwq trigger <flow>`: start a run now through the deployed path (the local dwq start, or StartExecution on a stack). */
import type { Command } from 'commander';
import { triggerRun } from '../../shared/operator/operations.ts';
import { parameterOption } from './option-parsers.ts';
import { typedParameters } from './parameter-values.ts';
import type { CliContext } from './program.ts';
import { reportStartedRun, type StartOutputOptions, withStartOutputOptions } from './start-run-output.ts';
import { cliUser, withTarget, withTargetOptions, type TargetOptions } from './target-option.ts';

interface TriggerOptions extends TargetOptions, StartOutputOptions {
  readonly schedule?: string;
  readonly param: string[][];
}

export function registerTriggerCommand(program: Command, context: CliContext): void {
  const command = withTargetOptions(program.command('trigger'))
    .description('Start a run of a flow now, in the running dwq start or a deployed stack (--stack).')
    .argument('<flow>', 'a flow of the config')
    .option('--schedule <name>', "use this schedule's parameter values")
    .option('-p, --param <NAME=VALUE>', 'a parameter value, typed as the config declares it (repeatable; overrides the schedule\'s)', parameterOption, []);
  withStartOutputOptions(command)
    .action((flow: string, options: TriggerOptions) => trigger(flow, options, context));
}

async function trigger(flow: string, options: TriggerOptions, context: CliContext): Promise<void> {
  await withTarget(options, context.io.env, async (target) => {
    const started = await triggerRun(target.deps, {
      flow,
      schedule: options.schedule,
      parameters: typedParameters(target.deps.config, flow, options.param),
      by: cliUser(),
    });
    await reportStartedRun(started, target.deps, target.description, options, context);
  });
}
