/** `dwq trigger <flow>`: start a run now through the deployed path (the local dwq start, or StartExecution on a stack). */
import type { Command } from 'commander';
import { triggerRun } from '../../shared/operator/operations.ts';
import { EXIT_CODES_HELP } from './exit-codes.ts';
import { parameterOption } from './option-parsers.ts';
import { typedParameters } from './parameter-values.ts';
import type { CliContext } from './program.ts';
import { reportStartedRun } from './start-run-output.ts';
import { cliUser, withTarget, withTargetOptions, type TargetOptions } from './target-option.ts';

interface TriggerOptions extends TargetOptions {
  readonly schedule?: string;
  readonly param: string[][];
  readonly wait?: boolean;
  readonly json?: boolean;
}

export function registerTriggerCommand(program: Command, context: CliContext): void {
  withTargetOptions(program.command('trigger'))
    .description('Start a run of a flow now, in the running dwq start or a deployed stack (--stack).')
    .argument('<flow>', 'a flow of the config')
    .option('--schedule <name>', "use this schedule's parameter values")
    .option('-p, --param <NAME=VALUE>', 'a parameter value, typed as the config declares it (repeatable; overrides the schedule\'s)', parameterOption, [])
    .option('--wait', 'wait for the outcome and exit by it')
    .option('--json', 'print JSON on stdout (progress goes to stderr)')
    .addHelpText('after', `\n${EXIT_CODES_HELP}`)
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
