/**
 * What the webhook tests share: a real config (parsed by the config schema), real credentials,
 * requests signed with the standardwebhooks package itself, the real SfnRunLauncher over a
 * stubbed Step Functions, and a logger that keeps every line it was given.
 */
import { Webhook } from 'standardwebhooks';
import { SfnRunLauncher } from '../../../shared/aws/sfn/run-launcher.ts';
import type { Clock } from '../../../shared/clock.ts';
import { parseConfig } from '../../../shared/config/load.ts';
import type { HttpRequest } from '../../../shared/webhook/http.ts';
import { StaticWebhookSecrets } from '../../../shared/webhook/static-webhook-secrets.ts';
import type { WebhookDeps } from '../../../shared/webhook/webhook-deps.ts';
import type { WebhookLogger } from '../../../shared/webhook/webhook-logger.ts';
import type { WebhookSecrets } from '../../../shared/webhook/webhook-secrets.ts';
import { STATE_MACHINE_ARN, stubStepFunctions } from './step-functions-stub.ts';

/** The four webhook flows (signature, bearer, both, none), for any config that needs them. */
export const WEBHOOK_FLOWS_YAML = `flows:
  nightly-load:
    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68
    dataworqFlowName: Demo
    parameters:
      ROWS: { type: integer, default: 1000 }
      RATIO: { type: float }
      LABEL: { type: string, default: standard }
      REGION: { type: string, default: eu }
    webhook:
      auth: [signature]
      allow: [ROWS, RATIO, LABEL]
      allowRunProfileOverride: true
  hourly-sync:
    flowId: 54d9d784-e574-4160-9f44-6fb95317fecb
    runProfileName: hourly
    webhook:
      auth: [bearer]
  mixed-load:
    flowId: f21bf040-c22b-454e-8561-2115e90aaa55
    webhook:
      auth: [signature, bearer]
  internal-only:
    flowId: b4b834b0-1f73-4c8b-aa74-a54610483241
`;

export const CONFIG_YAML = `
webhook:
  maxBodyBytes: 2048
${WEBHOOK_FLOWS_YAML}`;

export const config = parseConfig(CONFIG_YAML, 'webhook test config');

/** `whsec_` + base64, as Standard Webhooks tools print them. */
export const SIGNING_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
/** 32 alphanumerics, as Secrets Manager generates them (no prefix). */
export const BARE_SIGNING_SECRET = 'Q2hhbmdlTWVQbGVhc2VUaGlzSXNBVGVz';
export const BEARER_TOKEN = 'tok-7Yc3nJ9qLw2Rv8Xk5Pz1Hs4Bt6Dm0Fg';
export const MIXED_TOKEN = 'mixed-token-Zq8Lp3Vn6Wr1Ty4Ux7Ib0';

export const DOMAIN = 'r3pmxmplak.execute-api.eu-west-1.amazonaws.com';

export function testSecrets(): WebhookSecrets {
  return new StaticWebhookSecrets({
    'nightly-load': { signing: SIGNING_SECRET },
    'hourly-sync': { token: BEARER_TOKEN },
    'mixed-load': { signing: BARE_SIGNING_SECRET, token: MIXED_TOKEN },
  });
}

export interface CapturedLogger extends WebhookLogger {
  readonly lines: string[];
}

export function capturingLogger(): CapturedLogger {
  const lines: string[] = [];
  const log = (level: string) => (message: string, attributes: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, message, ...attributes }));
  };
  return { lines, info: log('INFO'), warn: log('WARN'), error: log('ERROR') };
}

export const systemTimeClock: Clock = { now: () => new Date() };

export function webhookHarness(overrides: Partial<WebhookDeps> = {}) {
  const sfn = stubStepFunctions();
  const logger = capturingLogger();
  const deps: WebhookDeps = {
    config,
    secrets: testSecrets(),
    launcher: new SfnRunLauncher({ stateMachineArn: STATE_MACHINE_ARN }),
    clock: systemTimeClock,
    logger,
    ...overrides,
  };
  return { sfn, logger, deps };
}

export interface SignOptions {
  readonly secret?: string;
  readonly id?: string;
  readonly timestamp?: Date;
  /** Signs this body but sends `rawBody`, to alter the body after signing. */
  readonly signedBody?: string;
  /** Extra `v1,...` signatures sent alongside the real one. */
  readonly extraSignatures?: readonly string[];
}

export function signatureHeaders(rawBody: string, options: SignOptions = {}): Record<string, string> {
  const id = options.id ?? 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
  const timestamp = options.timestamp ?? new Date();
  const signature = new Webhook(options.secret ?? SIGNING_SECRET).sign(id, timestamp, options.signedBody ?? rawBody);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': [...(options.extraSignatures ?? []), signature].join(' '),
  };
}

export function postRun(flow: string, rawBody: string, headers: Record<string, string>): HttpRequest {
  return {
    method: 'POST',
    path: `/flows/${flow}/runs`,
    pathParameters: { flow },
    headers: { 'content-type': 'application/json', ...headers },
    rawBody,
    domainName: DOMAIN,
  };
}

export function signedPost(flow: string, body: unknown, options: SignOptions = {}): HttpRequest {
  const rawBody = typeof body === 'string' ? body : JSON.stringify(body);
  return postRun(flow, rawBody, signatureHeaders(rawBody, options));
}

export function bearerPost(flow: string, body: unknown, token = BEARER_TOKEN, headers: Record<string, string> = {}): HttpRequest {
  const rawBody = typeof body === 'string' ? body : JSON.stringify(body);
  return postRun(flow, rawBody, { authorization: `Bearer ${token}`, ...headers });
}

export function getRun(runId: string, headers: Record<string, string>): HttpRequest {
  return { method: 'GET', path: `/runs/${runId}`, pathParameters: { runId }, headers, rawBody: '', domainName: DOMAIN };
}

export function bodyOf(response: { body: string }): Record<string, unknown> {
  return JSON.parse(response.body) as Record<string, unknown>;
}
