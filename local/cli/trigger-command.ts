/** `dwq trigger <flow>`: start a run now through the deployed path (the local dwq start, or StartExecution on a stack). */
import type { Command } from '@commander-js/extra-typings';
import { triggerRun } from '../../shared/operator/operations.ts';
import type { OptionsOf } from './declared-options.ts';
import { parameterOption } from './option-parsers.ts';
import { typedParameters } from './parameter-values.ts';
import type { CliContext } from './program.ts';
import { reportStartedRun, withStartOutputOptions } from './start-run-output.ts';
import { cliUser, withTarget, withTargetOptions } from './target-option.ts';

export function registerTriggerCommand(program: Command, context: CliContext) {
  const command = withTargetOptions(program.command('trigger'))
    .description('Start a run of a flow now, in the running dwq start or a deployed stack (--stack).')
    .argument('<flow>', 'a flow of the config')
    .option('--schedule <name>', "use this schedule's parameter values")
    .option('-p, --param <NAME=VALUE>', 'a parameter value, typed as the config declares it (repeatable; overrides the schedule\'s)', parameterOption, []);
  return withStartOutputOptions(command)
    .action((flow, options): Promise<void> => trigger(flow, options, context));
}

type TriggerOptions = OptionsOf<ReturnType<typeof registerTriggerCommand>>;

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
