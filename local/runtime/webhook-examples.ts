/**
 * Ready-made calls to the local webhook: the curl example `dwq start` prints and the demo run it
 * triggers, for the first flow that has a webhook (signed when the flow takes signatures).
 */
import { randomUUID } from 'node:crypto';
import type { DwqConfig } from '../../shared/config/schema.ts';
import type { WebhookFlow } from '../../shared/webhook/webhook-deps.ts';
import { curlCommand, webhookSigner, type SignedCall } from './sign-webhook.ts';
import type { LocalWebhookCredentials } from './webhook-credentials.ts';

export function firstWebhookFlow(config: DwqConfig): WebhookFlow | undefined {
  return Object.values(config.flows).find((flow): flow is WebhookFlow => flow.webhook !== undefined);
}

/** A call to start `flow` with its configured values, authenticated as the flow asks. */
export function exampleCall(flow: WebhookFlow, credentials: LocalWebhookCredentials, body = '{}'): SignedCall {
  if (credentials.methodsOf(flow.name).includes('signature')) return webhookSigner(credentials.signingSecret)(body);
  return {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credentials.token}`, 'idempotency-key': `demo-${randomUUID()}` },
    body,
  };
}

/** The lines that show a new user how to start a run by hand. */
export function curlExample(baseUrl: string, flow: WebhookFlow, credentials: LocalWebhookCredentials): string[] {
  const call = exampleCall(flow, credentials);
  const signed = 'webhook-signature' in call.headers;
  return [
    `Start a run of ${flow.name} yourself (${signed ? 'signed; valid for 5 minutes, `npx dwq sign ' + flow.name + '` makes a fresh one' : 'bearer token'}):`,
    ...Object.entries(call.headers).map(([name, value]) => `  ${name}: ${value}`),
    `  ${curlCommand(`${baseUrl}/flows/${flow.name}/runs`, call)}`,
  ];
}

export interface DemoResult {
  readonly flow: string;
  readonly status: number;
  readonly runId?: string;
  readonly message?: string;
}

/** Starts one run of the first webhook flow through the local webhook itself, over HTTP. */
export async function triggerDemoRun(baseUrl: string, config: DwqConfig, credentials: LocalWebhookCredentials): Promise<DemoResult | undefined> {
  const flow = firstWebhookFlow(config);
  return flow === undefined ? undefined : triggerRun(baseUrl, config, flow.name, credentials);
}

/** Starts one run of a webhook flow through the local webhook, authenticated as the flow asks. */
export async function triggerRun(baseUrl: string, config: DwqConfig, name: string, credentials: LocalWebhookCredentials): Promise<DemoResult> {
  const flow = Object.hasOwn(config.flows, name) ? config.flows[name] : undefined;
  if (flow?.webhook === undefined) return { flow: name, status: 404, message: `flow ${name} has no webhook; give it one to trigger it in the demo` };
  const call = exampleCall(flow as WebhookFlow, credentials);
  const response = await fetch(`${baseUrl}/flows/${encodeURIComponent(flow.name)}/runs`, { method: 'POST', headers: call.headers, body: call.body });
  const answer = (await response.json().catch(() => ({}))) as { runId?: string; message?: string };
  return {
    flow: flow.name,
    status: response.status,
    ...(answer.runId ? { runId: answer.runId } : {}),
    ...(answer.message ? { message: answer.message } : {}),
  };
}
