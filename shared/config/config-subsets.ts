/**
 * What each Lambda's config file holds (shared/aws/config-file.ts): only the flows it serves,
 * and never the subscribers' addresses. The shape stays a DwqConfig, so the code that reads it is
 * the code that reads the whole config.
 */
import type { DwqConfig, FlowConfig } from './schema.ts';

/** The webhook: flows with a webhook (their parameters, route settings and run settings), and the callers. */
export function webhookConfigOf(config: DwqConfig): DwqConfig {
  return { ...config, flows: pick(config, (flow) => flow.webhook !== undefined, (flow) => flow), subscribers: [] };
}

/** Submit and Notify: flows with schedules, so a schedule's input can name its flow (shared/run/scheduled-input.ts). */
export function scheduleConfigOf(config: DwqConfig): DwqConfig {
  const withoutWebhook = ({ webhook: _webhook, ...flow }: FlowConfig): FlowConfig => flow;
  return {
    ...config,
    webhook: { ...config.webhook, callers: [] },
    flows: pick(config, (flow) => flow.schedules.length > 0, withoutWebhook),
    subscribers: [],
  };
}

function pick(config: DwqConfig, keep: (flow: FlowConfig) => boolean, map: (flow: FlowConfig) => FlowConfig): Record<string, FlowConfig> {
  return Object.fromEntries(Object.values(config.flows).filter(keep).map((flow) => [flow.name, map(flow)]));
}
