/**
 * Big answers (issue #12, point 2): Check's first status check reads DataWORQ's `history` list,
 * whose jobs each carry their whole log. A local server streams such a list (generated on the
 * fly, never held whole) and Check runs against it through the real client; memory is sampled
 * while it reads, against the same process's memory just before.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDataworqClient } from '../shared/dataworq/create-client.ts';
import type { CheckInput } from '../shared/model.ts';
import { checkRun } from '../shared/run/check.ts';
import { goal, num, type GoalCheck } from './goals.ts';

export interface BigAnswerFigures {
  readonly jobs: number;
  readonly logBytes: number;
  readonly answerMb: number;
  readonly idleMb: number;
  readonly peakMb: number;
  readonly growthMb: number;
  readonly seconds: number;
  /** Check went on polling (it did not crash, and chose a wait). */
  readonly waitSeconds: number | undefined;
}

const MB = 1024 * 1024;
const LOG_LINE = '05/19/2021 12:01:56,580 [pool-9-thread-1] PERFORMANCE node.FlatFileSourceNode - rows 118\r\n';

/** What the process holds: the JS heap and the buffers outside it (where bodies land). */
function usedBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

function historyJob(index: number): { head: string; tail: string } {
  const start = Date.UTC(2026, 0, 1) + index * 3_600_000;
  const head = `{"id":"job-${index}","flowName":"Busy","runProfileName":"default","executionStatus":"COMPLETED","startTime":${start},"endTime":${start + 600_000},"log":"`;
  return { head, tail: '","error":null}' };
}

/** A server whose history list is `jobs` jobs of `logBytes` of log each, written chunk by chunk. */
async function streamingDataworq(jobs: number, logBytes: number): Promise<{ url: string; close: () => Promise<void> }> {
  const escapedLine = JSON.stringify(LOG_LINE).slice(1, -1);
  const chunk = escapedLine.repeat(Math.ceil(64 * 1024 / escapedLine.length));
  const server = createServer(async (req, res) => {
    if (!(req.url ?? '').startsWith('/api/v1/jobs?')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"executionStatus":"RUNNING"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    const write = (text: string) => (res.write(text) ? Promise.resolve() : new Promise<void>((resolve) => res.once('drain', () => resolve())));
    await write('[');
    for (let index = 0; index < jobs; index++) {
      const { head, tail } = historyJob(index);
      await write(`${index === 0 ? '' : ','}${head}`);
      for (let written = 0; written < logBytes; written += chunk.length) await write(chunk);
      await write(tail);
    }
    res.end(']');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function firstCheck(): CheckInput {
  const now = new Date().toISOString();
  return {
    flow: {
      name: 'busy',
      flowId: 'f21bf040-c22b-454e-8561-2115e90aaa55',
      dataworqFlowName: 'Busy',
      runProfileName: 'default',
      notificationEnabled: false,
      parameters: [],
      maxDurationSeconds: 3600,
      lostAfterSeconds: 1800,
      overlap: 'skip',
    },
    trigger: { kind: 'manual', id: 'bench', time: now },
    run: {
      runId: 'busy--bench',
      jobId: 'job-now',
      submittedAt: now,
      deadline: new Date(Date.now() + 3_600_000).toISOString(),
      poll: { iteration: 0, waitSeconds: 5, consecutiveFailures: 0, consecutiveRejections: 0 },
    },
  } as CheckInput;
}

/** Runs one Check against the streamed history; memory sampled every 5 ms while it reads. */
export async function measureBigHistory(jobs = 100, logBytes = 3 * MB): Promise<BigAnswerFigures> {
  const dataworq = await streamingDataworq(jobs, logBytes);
  try {
    const client = createDataworqClient({ transport: 'native', baseUrl: dataworq.url, keys: { apiKey: '', userApiKey: 'bench' }, timeoutMs: 600_000 });
    (globalThis as { gc?: () => void }).gc?.();
    const idle = usedBytes();
    let peak = idle;
    const sampler = setInterval(() => {
      peak = Math.max(peak, usedBytes());
    }, 5);
    const started = performance.now();
    const run = await checkRun(firstCheck(), { dataworq: client, clock: { now: () => new Date() } });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, usedBytes());
    return {
      jobs,
      logBytes,
      answerMb: (jobs * logBytes) / MB,
      idleMb: idle / MB,
      peakMb: peak / MB,
      growthMb: (peak - idle) / MB,
      seconds,
      waitSeconds: run.outcome === undefined ? run.poll.waitSeconds : undefined,
    };
  } finally {
    await dataworq.close();
  }
}

/** Goal: reading a 300 MB history costs Check less than 64 MB over its idle memory (a 256 MB Lambda). */
export function bigAnswerGoal(figures: BigAnswerFigures): GoalCheck {
  return goal(
    'P5',
    `Check reads a ${figures.jobs}-job history of ${num(figures.logBytes / MB, 0)} MB logs in < 64 MB over idle, and goes on polling`,
    `+${num(figures.growthMb)} MB (idle ${num(figures.idleMb)} MB, peak ${num(figures.peakMb)} MB, ${num(figures.answerMb, 0)} MB answer read in ${num(figures.seconds)} s)`,
    figures.growthMb < 64 && figures.waitSeconds !== undefined,
  );
}

export function bigAnswerSection(figures: BigAnswerFigures): string {
  const check = bigAnswerGoal(figures);
  return `${check.goal}: ${check.actual} ${check.pass ? 'PASS' : 'FAIL'}`;
}
