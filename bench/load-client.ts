/**
 * P4's load generator, run as a child process so that it does not share a CPU with the server:
 * signed POST /flows/<flow>/runs requests over keep-alive connections, all signed before the
 * clock starts, every tenth one a repeated delivery. Bounded by count and by time. Prints one
 * JSON line: requests, answers by status, seconds, requests per second.
 *
 *   node bench/load-client.ts <baseUrl> <flow> <requests> <concurrency> <maxSeconds>
 *   (the signing secret comes in the environment, BENCH_SIGNING_SECRET)
 */
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';

interface Delivery {
  readonly headers: Record<string, string>;
  readonly body: string;
}

function signedDeliveries(count: number, secret: string): Delivery[] {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const timestamp = String(Math.floor(Date.now() / 1000));
  const deliveries: Delivery[] = [];
  for (let index = 0; index < count; index++) {
    // Every tenth delivery repeats an earlier one, as a sender's retry would.
    const repeated = index % 10 === 9 ? deliveries[index - 5] : undefined;
    if (repeated) {
      deliveries.push(repeated);
      continue;
    }
    const id = `msg_bench_${index}`;
    const body = JSON.stringify({ parameters: { ROWS: 500 + index, TABLENAME: 'BENCH_TABLE' } });
    const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
    deliveries.push({ body, headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` } });
  }
  return deliveries;
}

function send(url: URL, agent: Agent, delivery: Delivery): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', agent, headers: { ...delivery.headers, 'content-length': Buffer.byteLength(delivery.body) } }, (answer) => {
      answer.resume();
      answer.on('end', () => resolve(answer.statusCode ?? 0));
      answer.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(delivery.body);
  });
}

async function main(): Promise<void> {
  const [baseUrl = '', flow = '', requests = '0', concurrency = '16', maxSeconds = '5'] = process.argv.slice(2);
  const url = new URL(`/flows/${flow}/runs`, baseUrl);
  if (url.hostname !== '127.0.0.1') throw new Error('the load client only talks to 127.0.0.1');
  const deliveries = signedDeliveries(Number(requests), process.env.BENCH_SIGNING_SECRET ?? '');
  const agent = new Agent({ keepAlive: true, maxSockets: Number(concurrency) });
  const statuses: Record<string, number> = {};
  const deadline = performance.now() + Number(maxSeconds) * 1000;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < deliveries.length && performance.now() < deadline) {
      const status = await send(url, agent, deliveries[next++]!);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Number(concurrency) }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const done = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  process.stdout.write(`${JSON.stringify({ requests: done, statuses, seconds, perSecond: done / seconds })}\n`);
}

await main();
