/** Each subscriber's name and filter policy, as its SNS subscription has it (infra/constructs/alerts.ts). */
import { subscriptionFilterPolicy } from '../alerts/filter-policy.ts';
import type { SubscriberConfig } from '../config/schema.ts';
import type { SubscriberFilter } from './engine-records.ts';

export function subscriberFilters(subscribers: readonly SubscriberConfig[]): SubscriberFilter[] {
  return subscribers.map((subscriber) => ({
    name: subscriber.name,
    policy: subscriptionFilterPolicy({ outcomes: subscriber.outcomes, flows: subscriber.allFlows ? ['*'] : subscriber.flows, failures: subscriber.failures }),
  }));
}
