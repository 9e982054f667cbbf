/**
 * P4: the webhook core (signature check, body and parameter validation, idempotency) behind a
 * node:http server on 127.0.0.1, against a bare node:http server answering 202, both driven by
 * the same keep-alive load client in a child process. Rounds alternate between the two servers;
 * the median of each is compared.
 */
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readRequestBody } from '../local/runtime/request-body.ts';
import { systemClock } from '../shared/clock.ts';
import type { DwqConfig } from '../shared/config/schema.ts';
import type { RunInput, RunLauncher, RunReport, RunStart } from '../shared/model.ts';
import { handleWebhookRequest } from '../shared/webhook/handle-webhook.ts';
import type { HttpRequest } from '../shared/webhook/http.ts';
import { StaticWebhookSecrets } from '../shared/webhook/static-webhook-secrets.ts';
import { goal, type GoalCheck, num } from './goals.ts';
import { median } from './stats.ts';

/** A throwaway signing secret for the bench only (`whsec_` + base64 of 24 random-looking bytes). */
const BENCH_SIGNING_SECRET = 'whsec_YmVuY2gtb25seS1zaWduaW5nLXNlY3JldA==';

export interface ThroughputOptions {
  readonly flow: string;
  readonly requests: number;
  readonly concurrency: number;
  readonly maxSecondsPerRound: number;
  readonly rounds: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly seconds: number;
  readonly perSecond: number;
}

export interface ThroughputFigures {
  readonly options: ThroughputOptions;
  readonly bare: readonly LoadResult[];
  readonly core: readonly LoadResult[];
  readonly bareMedian: number;
  readonly coreMedian: number;
  /** Runs the recording launcher was asked to start, and how many were repeats. */
  readonly started: number;
  readonly duplicates: number;
}

/** A RunLauncher that only records names: idempotent by name, as Step Functions is. */
export class RecordingLauncher implements RunLauncher {
  readonly names = new Set<string>();
  duplicates = 0;
  async start(name: string, _input: RunInput): Promise<RunStart> {
    const alreadyStarted = this.names.has(name);
    if (alreadyStarted) this.duplicates += 1;
    this.names.add(name);
    return { runId: name, alreadyStarted };
  }
  async describe(_runId: string): Promise<RunReport | undefined> {
    return undefined;
  }
}

function webhookServer(config: DwqConfig, launcher: RunLauncher, flow: string): Server {
  const deps = { config, launcher, clock: systemClock, secrets: new StaticWebhookSecrets({ [flow]: { signing: BENCH_SIGNING_SECRET } }) };
  return createServer(async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const request: HttpRequest = {
      method: incoming.method ?? 'GET',
      path: url.pathname,
      headers: incoming.headers as Record<string, string | undefined>,
      rawBody: await readRequestBody(incoming),
      baseUrl: 'http://127.0.0.1',
    };
    const response = await handleWebhookRequest(request, deps);
    outgoing.writeHead(response.statusCode, response.headers).end(response.body);
  });
}

function bareServer(): Server {
  return createServer(async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    await readRequestBody(incoming);
    outgoing.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function drive(baseUrl: string, options: ThroughputOptions, benchDir: string): Promise<LoadResult> {
  const args = [join(benchDir, 'load-client.ts'), baseUrl, options.flow, String(options.requests), String(options.concurrency), String(options.maxSecondsPerRound)];
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', BENCH_SIGNING_SECRET },
    timeout: (options.maxSecondsPerRound + 30) * 1000,
  });
  return JSON.parse(stdout) as LoadResult;
}

export async function webhookThroughput(config: DwqConfig, options: ThroughputOptions, benchDir: string): Promise<ThroughputFigures> {
  const launcher = new RecordingLauncher();
  const core = webhookServer(config, launcher, options.flow);
  const bare = bareServer();
  const [coreUrl, bareUrl] = [await listen(core), await listen(bare)];
  const results = { bare: [] as LoadResult[], core: [] as LoadResult[] };
  try {
    for (let round = 0; round < options.rounds; round++) {
      results.bare.push(await drive(bareUrl, options, benchDir));
      launcher.names.clear();
      results.core.push(await drive(coreUrl, options, benchDir));
    }
  } finally {
    core.closeAllConnections();
    bare.closeAllConnections();
    await Promise.all([new Promise((resolve) => core.close(resolve)), new Promise((resolve) => bare.close(resolve))]);
  }
  return {
    options,
    ...results,
    bareMedian: median(results.bare.map((result) => result.perSecond)),
    coreMedian: median(results.core.map((result) => result.perSecond)),
    started: launcher.names.size,
    duplicates: launcher.duplicates,
  };
}

export function throughputGoals(figures: ThroughputFigures): GoalCheck[] {
  const ratio = figures.coreMedian / figures.bareMedian;
  const accepted = figures.core.every((result) => Object.keys(result.statuses).every((status) => status === '202'));
  return [
    goal('P4 webhook throughput', '≥ 0.5× the bare server', `${num(figures.coreMedian, 0)} req/s vs ${num(figures.bareMedian, 0)} req/s = ${num(ratio, 2)}×`, ratio >= 0.5),
    goal('P4 webhook answers', 'every signed request 202, repeats as duplicates', accepted ? `all 202; ${figures.duplicates} duplicates recognised` : JSON.stringify(figures.core.map((result) => result.statuses)), accepted && figures.duplicates > 0),
  ];
}
