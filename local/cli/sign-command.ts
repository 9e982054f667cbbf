/** `dwq sign <flow> --body '<json>'`: the Standard Webhooks headers (and a curl line) for a signed call. */
import { methodsOf } from '../../shared/webhook/callers.ts';
import type { Command } from '@commander-js/extra-typings';
import { resolveRunFlow } from '../../shared/config/resolve.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import { ValidationError } from '../../shared/errors.ts';
import { WebhookHttpError } from '../../shared/webhook/http-error.ts';
import { parseRunRequestBody } from '../../shared/webhook/parse-body.ts';
import { webhookFlowOf, type WebhookFlow } from '../../shared/webhook/webhook-deps.ts';
import { readSession } from '../runtime/local-session.ts';
import { curlCommand, webhookSigner } from '../runtime/sign-webhook.ts';
import { DEFAULT_PORT } from '../runtime/start-local.ts';
import { WEBHOOK_ENV } from '../runtime/webhook-credentials.ts';
import { CliError, writeJson, writeLine } from './cli-io.ts';
import { readConfig, withConfigOption } from './config-option.ts';
import type { OptionsOf } from './declared-options.ts';
import type { CliContext } from './program.ts';
import { signedContentOf } from '../../shared/webhook/signature.ts';

export function registerSignCommand(program: Command, context: CliContext) {
  return withConfigOption(program.command('sign'))
    .description("Sign a call to a flow's webhook: print the Standard Webhooks headers and a curl line.")
    .argument('<flow>', 'a flow whose webhook accepts signatures')
    .option('--body <json>', 'the exact body to send', '{}')
    .option('--secret <whsec>', `the signing secret (default: $${WEBHOOK_ENV.secret}, which \`dwq start\` uses)`)
    .option('--get <runId>', 'sign GET /runs/<runId> (its method and path; no body) instead of a POST that starts a run')
    .option('--url <base>', 'the webhook base URL (default: the running `npm start`, else http://localhost:$PORT, port 3000)')
    .option('--id <webhook-id>', 'the delivery id; reuse it to retry the same delivery (default: a new one)')
    .option('--json', 'print JSON: { url, headers, body }')
    .addHelpText('after', '\nThe signature is valid for 5 minutes. Send the body byte for byte as given.')
    .action((flow, options): void => sign(flow, options, context));
}

type SignOptions = OptionsOf<ReturnType<typeof registerSignCommand>>;

function sign(flowName: string, options: SignOptions, context: CliContext): void {
  const { env, stdout } = context.io;
  const { path, config } = readConfig(options.config, env);
  const flow = webhookFlowOf(config, flowName);
  if (flow === undefined) throw new CliError(`flow '${flowName}' has no webhook in ${path} (flows with one: ${webhookFlows(config.flows)})`);
  if (!methodsOf(config, flowName).includes('signature')) throw new CliError(`flow '${flowName}' takes a bearer token, not a signature (webhook.auth: ${methodsOf(config, flowName).join(', ')})`);
  const secret = options.secret ?? env[WEBHOOK_ENV.secret];
  if (!secret) throw new CliError(`no signing secret: set ${WEBHOOK_ENV.secret} (the one \`dwq start\` printed) or pass --secret`);
  const body = options.get === undefined ? checkedBody(config, flow, options.body) : '';
  const target = options.get === undefined ? `/flows/${encodeURIComponent(flowName)}/runs` : `/runs/${encodeURIComponent(options.get)}`;
  const method = options.get === undefined ? 'POST' : 'GET';
  // What the webhook verifies: a POST's body; a GET's method and path (shared/webhook/signature.ts).
  const signed = webhookSigner(secret)(signedContentOf({ method, path: target, rawBody: body }), options.id ? { id: options.id } : {});
  const call = { ...signed, body };
  const base = (options.url ?? readSession(env)?.webhookUrl ?? `http://localhost:${env['PORT'] || DEFAULT_PORT}`).replace(/\/+$/, '');
  const url = `${base}${target}`;
  if (options.json) {
    writeJson(stdout, { method, url, headers: call.headers, body: call.body });
    return;
  }
  for (const [name, value] of Object.entries(call.headers)) writeLine(stdout, `${name}: ${value}`);
  writeLine(stdout);
  writeLine(stdout, curlCommand(url, call, method));
}

/** The body as the webhook will read it: its own parsing and the flow's allowlist, so a refusal comes now. */
function checkedBody(config: DwqConfig, flow: WebhookFlow, body: string): string {
  try {
    if (body.trim() !== '') JSON.parse(body);
  } catch {
    throw new CliError('--body is not JSON; the webhook accepts a JSON object such as {"parameters":{"ROWS":500}}');
  }
  try {
    const request = parseRunRequestBody(body);
    resolveRunFlow(config, flow.name, request, { allowlist: flow.webhook.allow, allowRunProfileOverride: flow.webhook.allowRunProfileOverride });
  } catch (error) {
    if (error instanceof WebhookHttpError || error instanceof ValidationError) throw new CliError(`the webhook would refuse this --body: ${error.message}`, undefined, { cause: error });
    throw error;
  }
  return body;
}

function webhookFlows(flows: Readonly<Record<string, { readonly webhook?: unknown }>>): string {
  return Object.entries(flows).filter(([, flow]) => flow.webhook !== undefined).map(([name]) => name).join(', ') || 'none';
}
