/**
 * `dwq validate [file]`: the same checks as synth and local start, every problem at once; then
 * every template rendered for the next fires of every schedule, so a template that only fails on
 * some dates (or a value the date makes untypable) is caught before it ends a run.
 */
import type { Command } from '@commander-js/extra-typings';
import { ConfigError } from '../../shared/config/config-error.ts';
import { configLimitProblems } from '../../shared/config/deployment-limits.ts';
import { DeploymentLimitError } from '../../shared/errors.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import { templateProblemsAhead } from '../../shared/periods/preview.ts';
import { CliError, writeJson, writeLine } from './cli-io.ts';
import { readConfig } from './config-option.ts';
import type { OptionsOf } from './declared-options.ts';
import { EXIT } from './exit-codes.ts';
import type { CliContext } from './program.ts';

export function registerValidateCommand(program: Command, context: CliContext) {
  return program
    .command('validate')
    .description('Validate a flows config; print a summary, or every problem with its path.')
    .argument('[file]', 'the config (default: $DWQ_CONFIG, else config/dataworq.yaml)')
    .option('--json', 'print JSON: { valid, file, ... }')
    .option('--from <iso>', "render templates for the schedules' next fires after this time (ISO 8601); default now")
    .action((file, options): void => validate(file, options, context));
}

type ValidateOptions = OptionsOf<ReturnType<typeof registerValidateCommand>>;

/** Fires per schedule whose templates are rendered. */
export const VALIDATE_FIRES_AHEAD = 3;

function validate(file: string | undefined, options: ValidateOptions, context: CliContext): void {
  const { stdout, stderr } = context.io;
  let result: { path: string; config: DwqConfig };
  try {
    result = readConfig(file, context.io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    context.exitCode = EXIT.usage;
    if (options.json) writeJson(stdout, { valid: false, file: error.source, issues: error.issues });
    else writeLine(stderr, error.message);
    return;
  }
  // Valid, but would it deploy? The limits synth checks too (shared/config/deployment-limits.ts).
  const limits = configLimitProblems(result.config);
  if (limits.length > 0) {
    context.exitCode = EXIT.usage;
    const error = new DeploymentLimitError(result.path, limits);
    if (options.json) writeJson(stdout, { valid: false, file: result.path, issues: limits });
    else writeLine(stderr, error.message);
    return;
  }
  const from = options.from === undefined ? new Date() : new Date(options.from);
  if (Number.isNaN(from.getTime())) throw new CliError(`--from: ${options.from ?? ''} is not an ISO 8601 time (for example 2026-03-29T00:00:00Z)`);
  const problems = templateProblemsAhead(result.config, from, VALIDATE_FIRES_AHEAD);
  if (problems.length > 0) {
    context.exitCode = EXIT.usage;
    if (options.json) writeJson(stdout, { valid: false, file: result.path, issues: problems });
    else writeLine(stderr, `${result.path}: ${problems.length === 1 ? 'a template does' : `${problems.length} templates do`} not render for the next ${VALIDATE_FIRES_AHEAD} fires:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    return;
  }
  const summary = summarize(result.config);
  if (options.json) writeJson(stdout, { valid: true, file: result.path, ...summary });
  else writeLine(stdout, `OK ${result.path}: ${summaryText(summary)}`);
}

interface ConfigSummary {
  readonly flows: string[];
  readonly webhooks: string[];
  readonly schedules: string[];
  readonly subscribers: string[];
}

function summarize(config: DwqConfig): ConfigSummary {
  const flows = Object.values(config.flows);
  return {
    flows: flows.map((flow) => flow.name),
    webhooks: flows.filter((flow) => flow.webhook !== undefined).map((flow) => flow.name),
    schedules: flows.flatMap((flow) => flow.schedules.map((schedule) => `${flow.name}/${schedule.name}`)),
    subscribers: config.subscribers.map((subscriber) => subscriber.name),
  };
}

function summaryText(summary: ConfigSummary): string {
  const count = (items: readonly string[], noun: string) => `${items.length} ${noun}${items.length === 1 ? '' : 's'}`;
  return [
    `${count(summary.flows, 'flow')} (${summary.flows.join(', ')})`,
    count(summary.webhooks, 'webhook'),
    count(summary.schedules, 'schedule'),
    count(summary.subscribers, 'subscriber'),
  ].join(', ');
}
