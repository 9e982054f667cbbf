/**
 * `dwq next "<expression>" --tz <zone>`: when an EventBridge Scheduler expression fires next.
 * `dwq next --flow F --schedule S`: a configured schedule's next fires, each with the parameters
 * it will send (templates rendered at its logical time, as Submit renders them).
 */
import type { Command } from '@commander-js/extra-typings';
import type { DwqConfig, ScheduleConfig } from '../../shared/config/schema.ts';
import { parameterText, previewSchedule } from '../../shared/periods/preview.ts';
import { describeScheduleExpression } from '../../shared/schedule/describe.ts';
import { parseScheduleExpression } from '../../shared/schedule/expression.ts';
import { nextFireTimes } from '../../shared/schedule/next-fire.ts';
import { isValidTimeZone } from '../../shared/schedule/time-zone.ts';
import { CliError, writeJson, writeLine } from './cli-io.ts';
import { readConfig, withConfigOption } from './config-option.ts';
import type { OptionsOf } from './declared-options.ts';
import { fireTimeFacts, fireTimeLine, parseFrom, userTimeZone } from './fire-time-text.ts';
import { countOption } from './option-parsers.ts';
import type { CliContext } from './program.ts';

export function registerNextCommand(program: Command, context: CliContext) {
  return withConfigOption(program.command('next'))
    .description("Print an expression's next fire times, with EventBridge Scheduler's semantics (DST included).")
    .argument('[expression]', 'cron(m h dom mon dow year), rate(N unit) or at(yyyy-mm-ddThh:mm:ss); quote it')
    .option('--tz <zone>', 'IANA time zone the expression is evaluated in', 'UTC')
    .option('--flow <flow>', "with --schedule: a configured schedule's fires and the parameters each sends")
    .option('--schedule <name>', 'the schedule of --flow')
    .option('--count <n>', 'how many fire times', countOption, 5)
    .option('--from <iso>', 'list fires strictly after this time (no offset = in --tz); default now')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  dwq next "cron(30 1 * * ? *)" --tz Europe/London --from 2026-03-27 --count 3\n  dwq next --flow demo-load --schedule nightly --count 3',
    )
    .action((expression, options): void => {
      if (options.flow !== undefined || options.schedule !== undefined) printScheduleNext(expression, options, context);
      else if (expression === undefined) throw new CliError('give an expression, or --flow and --schedule for a configured schedule');
      else printNext(expression, options, context);
    });
}

type NextOptions = OptionsOf<ReturnType<typeof registerNextCommand>>;

function fromOption(options: NextOptions, timeZone: string): Date {
  const from = options.from === undefined ? new Date() : parseFrom(options.from, timeZone);
  if (from === undefined) throw new CliError(`--from: ${options.from ?? ''} is not an ISO 8601 time (for example 2026-03-29T00:00:00Z)`);
  return from;
}

function printNext(expression: string, options: NextOptions, context: CliContext): void {
  if (!isValidTimeZone(options.tz)) throw new CliError(`--tz: ${options.tz} is not an IANA time zone name (for example Europe/London)`);
  const from = fromOption(options, options.tz);
  const parsed = parseScheduleExpression(expression);
  const userZone = userTimeZone(context.io.timeZone);
  const fires = nextFireTimes(parsed, { timeZone: options.tz, from, count: options.count }).map((fire) => fireTimeFacts(fire, options.tz, userZone));
  const description = describeScheduleExpression(parsed);
  if (options.json) {
    writeJson(context.io.stdout, { expression, timeZone: options.tz, description, fires });
    return;
  }
  writeLine(context.io.stdout, `${expression} in ${options.tz}: ${description}`);
  if (fires.length === 0) writeLine(context.io.stdout, `  no fire time after ${from.toISOString()}`);
  for (const fire of fires) writeLine(context.io.stdout, `  ${fireTimeLine(fire)}`);
}

function printScheduleNext(expression: string | undefined, options: NextOptions, context: CliContext): void {
  if (expression !== undefined) throw new CliError('give either an expression or --flow and --schedule, not both');
  const { config } = readConfig(options.config, context.io.env);
  const schedule = configuredSchedule(config, options.flow, options.schedule);
  const from = fromOption(options, schedule.timeZone);
  const userZone = userTimeZone(context.io.timeZone);
  const fires = previewSchedule(config, options.flow ?? '', schedule, from, options.count).map((preview) => ({
    ...fireTimeFacts(preview.fire, schedule.timeZone, userZone),
    ...(preview.parameters ? { parameters: Object.fromEntries(preview.parameters.map(({ name, value }) => [name, value])) } : {}),
    ...(preview.error !== undefined ? { error: preview.error } : {}),
    line: preview.error !== undefined ? `cannot render: ${preview.error}` : parameterText(preview.parameters ?? []) || '(no parameters)',
  }));
  const description = describeScheduleExpression(schedule.expression);
  const out = context.io.stdout;
  if (options.json) {
    writeJson(out, { flow: options.flow, schedule: schedule.name, expression: schedule.expression, timeZone: schedule.timeZone, description, fires: fires.map(({ line: _, ...fire }) => fire) });
    return;
  }
  writeLine(out, `${options.flow ?? ''}/${schedule.name}  ${schedule.expression} in ${schedule.timeZone}: ${description}`);
  if (!schedule.enabled) writeLine(out, '  disabled: does not fire (the times below are what it would do)');
  if (fires.length === 0) writeLine(out, `  no fire time after ${from.toISOString()}`);
  for (const fire of fires) {
    writeLine(out, `  ${fireTimeLine(fire)}`);
    writeLine(out, `    ${fire.line}`);
  }
}

function configuredSchedule(config: DwqConfig, flowName: string | undefined, scheduleName: string | undefined): ScheduleConfig {
  if (flowName === undefined || scheduleName === undefined) throw new CliError('--flow and --schedule go together: name the flow and one of its schedules');
  const flow = Object.hasOwn(config.flows, flowName) ? config.flows[flowName] : undefined;
  if (flow === undefined) throw new CliError(`--flow: unknown flow '${flowName}' (known: ${Object.keys(config.flows).join(', ')})`);
  const schedule = flow.schedules.find((candidate) => candidate.name === scheduleName);
  if (schedule === undefined) {
    throw new CliError(`--schedule: flow '${flowName}' has no schedule '${scheduleName}' (known: ${flow.schedules.map((candidate) => candidate.name).join(', ') || 'none'})`);
  }
  return schedule;
}
