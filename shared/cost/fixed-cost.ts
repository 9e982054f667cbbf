/**
 * The fixed monthly cost of the configured stack: what it costs while nothing runs (secrets, the
 * alerts key, alarms, the dashboard) plus the run ledger's storage at the schedules' pace. Counted
 * from the config the way the stack's constructs build it (a template test keeps the two equal),
 * priced from MONTHLY_PRICES. Webhook callers share secrets, so this grows with callers, not flows.
 */
import { functionDeliveries } from '../alerts/channels/index.ts';
import type { DwqConfig } from '../config/schema.ts';
import { nextFireTimes } from '../schedule/next-fire.ts';
import { deployedWebhookCallers, webhookSecretCount } from '../webhook/callers.ts';
import { MONTHLY_PRICES } from './prices.ts';

export interface FixedCostItem {
  readonly what: string;
  readonly count: number;
  /** What `count` counts, e.g. `secrets`, `GB`. */
  readonly unit: string;
  readonly usdPerMonth: number;
}

export interface FixedCost {
  readonly items: readonly FixedCostItem[];
  readonly usdPerMonth: number;
  /** Scheduled runs in 30 days: what the table storage assumes (webhook runs come on top). */
  readonly scheduledRunsPerMonth: number;
}

/** What the stack has regardless of config: the alerts topic's KMS key and the dashboard. */
export const FIXED_RESOURCES = { kmsKeys: 1, dashboards: 1 } as const;

/** Alarms (infra/constructs/alarms.ts): failed, timed-out and aborted executions; errors and throttles per Lambda; the watchdog's two; one per dead-letter queue. */
const EXECUTION_ALARMS = 3;
const ALARMS_PER_FUNCTION = 2;
const WATCHDOG_ALARMS = 2;
/** A run's items in the state table (record, journal, claim), on average, in bytes. */
const BYTES_PER_RUN = 2_500;
const MONTH_MS = 30 * 86_400_000;
const FIRE_SAMPLE = 500;

export function fixedMonthlyCost(config: DwqConfig, now: Date = new Date()): FixedCost {
  const flows = Object.values(config.flows);
  const hasWebhook = flows.some((flow) => flow.webhook !== undefined);
  const hasSchedules = flows.some((flow) => flow.schedules.length > 0);
  const webhookSecrets = webhookSecretCount(deployedWebhookCallers(config));
  const connectorSecrets = config.connector.secret === undefined ? 1 : 0;
  // Slack, Teams and webhook subscribers: a delivery function and its dead-letter queue; a webhook subscriber signs with a secret of its own.
  const delivered = functionDeliveries(config.subscribers);
  const subscriberSecrets = delivered.filter(({ delivery }) => delivery.signed).length;
  const functions = 3 + (hasWebhook ? 1 : 0) + (delivered.length > 0 ? 1 : 0);
  const deadLetterQueues = (hasSchedules ? 1 : 0) + (delivered.length > 0 ? 1 : 0);
  const alarms = EXECUTION_ALARMS + ALARMS_PER_FUNCTION * functions + WATCHDOG_ALARMS + deadLetterQueues;
  const runs = scheduledRunsPerMonth(config, now);
  const storageGb = (runs * (config.runs.keepForSeconds * 1000 / MONTH_MS) * BYTES_PER_RUN) / 1e9;
  const items: FixedCostItem[] = [
    { what: 'Secrets Manager: connector key', count: connectorSecrets, unit: 'secrets', usdPerMonth: connectorSecrets * MONTHLY_PRICES.secret },
    { what: 'Secrets Manager: webhook callers', count: webhookSecrets, unit: 'secrets', usdPerMonth: webhookSecrets * MONTHLY_PRICES.secret },
    { what: 'Secrets Manager: webhook subscribers (signing)', count: subscriberSecrets, unit: 'secrets', usdPerMonth: subscriberSecrets * MONTHLY_PRICES.secret },
    { what: 'KMS key (alerts topics)', count: FIXED_RESOURCES.kmsKeys, unit: 'keys', usdPerMonth: FIXED_RESOURCES.kmsKeys * MONTHLY_PRICES.kmsKey },
    { what: 'CloudWatch alarms', count: alarms, unit: 'alarms', usdPerMonth: alarms * MONTHLY_PRICES.alarm },
    { what: 'CloudWatch dashboards', count: FIXED_RESOURCES.dashboards, unit: 'dashboards', usdPerMonth: FIXED_RESOURCES.dashboards * MONTHLY_PRICES.dashboard },
    { what: 'DynamoDB storage (run ledger)', count: storageGb, unit: 'GB', usdPerMonth: storageGb * MONTHLY_PRICES.tableStoragePerGb },
  ];
  return { items, usdPerMonth: items.reduce((sum, item) => sum + item.usdPerMonth, 0), scheduledRunsPerMonth: runs };
}

/** Fires of every enabled schedule in the next 30 days; frequent ones extrapolated from a sample. */
export function scheduledRunsPerMonth(config: DwqConfig, now: Date = new Date()): number {
  const until = now.getTime() + MONTH_MS;
  let total = 0;
  for (const flow of Object.values(config.flows)) {
    for (const schedule of flow.schedules) {
      if (!schedule.enabled) continue;
      const fires = nextFireTimes(schedule.expression, {
        timeZone: schedule.timeZone,
        from: now,
        count: FIRE_SAMPLE,
        ...(schedule.startDate ? { startDate: new Date(schedule.startDate) } : {}),
        // Stop at 30 days: a daily schedule needs 30 fires computed, not the whole sample.
        endDate: new Date(Math.min(until, schedule.endDate ? Date.parse(schedule.endDate) : until)),
      });
      const within = fires.filter((fire) => fire.getTime() < until);
      const last = within.at(-1);
      if (within.length < FIRE_SAMPLE || last === undefined) total += within.length;
      else total += Math.round((within.length * (until - now.getTime())) / Math.max(1, last.getTime() - now.getTime()));
    }
  }
  return total;
}
