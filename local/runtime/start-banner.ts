/** The first screen of `dwq start`: where everything is, the credentials, and what fires next. */
import type { DwqConfig } from '../../shared/config/schema.ts';
import type { DataworqConnection } from './dataworq-connection.ts';
import type { LocalScheduler } from './local-scheduler.ts';
import { WEBHOOK_ENV, type LocalWebhookCredentials } from './webhook-credentials.ts';
import { curlExample, firstWebhookFlow } from './webhook-examples.ts';

export interface BannerFacts {
  readonly config: DwqConfig;
  readonly configSource: string;
  readonly connection: DataworqConnection;
  readonly speed: number;
  readonly webhookUrl: string;
  readonly outboxPath: string;
  readonly credentials: LocalWebhookCredentials;
  readonly scheduler: LocalScheduler;
  readonly schedulesOn: boolean;
}

export function startBanner(facts: BannerFacts): string[] {
  const flows = Object.values(facts.config.flows);
  const webhooks = flows.filter((flow) => flow.webhook !== undefined).length;
  const schedules = flows.reduce((count, flow) => count + flow.schedules.length, 0);
  const example = firstWebhookFlow(facts.config);
  return [
    `DataWORQ local mode${facts.speed === 1 ? '' : ` (time runs ${facts.speed}x faster)`}`,
    `  config    ${facts.configSource}: ${flows.length} flows, ${webhooks} with a webhook, ${schedules} schedules, ${facts.config.subscribers.length} subscribers`,
    `  DataWORQ  ${connectionText(facts.connection)}`,
    ...(facts.connection.kind === 'emulator' ? ['  jobs      `npx dwq jobs` and `npx dwq status <job>` in another shell reach this emulator while it runs'] : []),
    `  webhook   ${facts.webhookUrl}  (POST /flows/{flow}/runs, GET /runs/{runId})`,
    `  alerts    printed here, and appended to ${facts.outboxPath}`,
    ...credentialLines(facts.credentials),
    ...scheduleLines(facts),
    ...(example ? ['', ...curlExample(facts.webhookUrl, example, facts.credentials)] : []),
    '',
  ];
}

function connectionText(connection: DataworqConnection): string {
  if (connection.kind === 'emulator') return `bundled emulator at ${connection.url} (set DATAWORQ_URL and keys for a real one)`;
  return `${connection.transport === 'native' ? 'DataWORQ server' : 'Cloud Connector'} at ${connection.url}`;
}

/** A generated credential is shown once, here, so it can be pasted; one from the environment never is. */
function credentialLines(credentials: LocalWebhookCredentials): string[] {
  const shown = (generated: boolean, value: string, env: string) => (generated ? `${value}  (generated; set ${env} to keep one)` : `from ${env}`);
  return [
    `  signing   ${shown(credentials.generated.signingSecret, credentials.signingSecret, WEBHOOK_ENV.secret)}`,
    `  token     ${shown(credentials.generated.token, credentials.token, WEBHOOK_ENV.token)}`,
  ];
}

function scheduleLines(facts: BannerFacts): string[] {
  const entries = facts.scheduler.entries();
  if (entries.length === 0) return ['  schedules none'];
  return [
    `  schedules${facts.schedulesOn ? '' : ' (not firing: --no-schedules)'}`,
    ...entries.map((entry) => {
      const when = !entry.schedule.enabled ? 'disabled' : !facts.schedulesOn ? 'off' : entry.next ? `next ${entry.next.toISOString()}` : 'no further fire';
      return `    ${entry.flow}/${entry.schedule.name}  ${entry.schedule.expression} ${entry.schedule.timeZone}  ${when}`;
    }),
  ];
}
