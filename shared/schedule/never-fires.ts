/**
 * A cron whose day and month fields no calendar date satisfies (`cron(0 12 31 2 ? *)`: 31
 * February) is accepted by EventBridge and then never fires. The year field is set aside, so the
 * answer does not depend on today's date: a schedule that has merely ended is not refused.
 */
import type { CronExpression } from './types.ts';
import { parseScheduleExpression } from './expression.ts';
import { nextFireTimes } from './next-fire.ts';

export function cronNeverFires(expression: CronExpression): boolean {
  const body = expression.text.slice('cron('.length, -1).trim().split(/\s+/);
  const everyYear = `cron(${[...body.slice(0, 5), '*'].join(' ')})`;
  return nextFireTimes(parseScheduleExpression(everyYear), { from: new Date(Date.UTC(2000, 0, 1)), count: 1, timeZone: 'UTC' }).length === 0;
}
