/** `dwq next "<expression>" --tz <zone>`: when an EventBridge Scheduler expression fires next. */
import type { Command } from 'commander';
import { describeScheduleExpression } from '../../shared/schedule/describe.ts';
import { parseScheduleExpression } from '../../shared/schedule/expression.ts';
import { nextFireTimes } from '../../shared/schedule/next-fire.ts';
import { isValidTimeZone } from '../../shared/schedule/time-zone.ts';
import { CliError, writeJson, writeLine } from './cli-io.ts';
import { fireTimeFacts, fireTimeLine, parseFrom, userTimeZone } from './fire-time-text.ts';
import { countOption } from './option-parsers.ts';
import type { CliContext } from './program.ts';

interface NextOptions {
  readonly tz: string;
  readonly count: number;
  readonly from?: string;
  readonly json?: boolean;
}

export function registerNextCommand(program: Command, context: CliContext): void {
  program
    .command('next')
    .description("Print an expression's next fire times, with EventBridge Scheduler's semantics (DST included).")
    .argument('<expression>', 'cron(m h dom mon dow year), rate(N unit) or at(yyyy-mm-ddThh:mm:ss); quote it')
    .option('--tz <zone>', 'IANA time zone the expression is evaluated in', 'UTC')
    .option('--count <n>', 'how many fire times', countOption, 5)
    .option('--from <iso>', 'list fires strictly after this time (no offset = in --tz); default now')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  dwq next "cron(30 1 * * ? *)" --tz Europe/London --from 2026-03-27 --count 3')
    .action((expression: string, options: NextOptions) => printNext(expression, options, context));
}

function printNext(expression: string, options: NextOptions, context: CliContext): void {
  if (!isValidTimeZone(options.tz)) throw new CliError(`--tz: ${options.tz} is not an IANA time zone name (for example Europe/London)`);
  const from = options.from === undefined ? new Date() : parseFrom(options.from, options.tz);
  if (from === undefined) throw new CliError(`--from: ${options.from ?? ''} is not an ISO 8601 time (for example 2026-03-29T00:00:00Z)`);
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
