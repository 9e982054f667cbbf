/**
 * P5's measured side, run by bench/big-answers.ts in a fresh `node --expose-gc` process: one
 * Check against the streamed history at argv's URL, memory sampled every 10 ms while it reads.
 * Apart from the server (DataWORQ is another machine, and its write buffers were counted as
 * Check's when both shared a process), so the figures are Check's alone.
 *
 * `live` collects garbage before each sample: what Check holds. `raw` does not: what the
 * process holds, garbage included, which V8 frees when it decides (see docs/bench.md, P5).
 */
import { createDataworqClient } from '../shared/dataworq/create-client.ts';
import type { CheckInput } from '../shared/model.ts';
import { checkRun } from '../shared/run/check.ts';

export type SampleMode = 'live' | 'raw';

export interface ProbeFigures {
  readonly mode: SampleMode;
  readonly idleBytes: number;
  readonly peakBytes: number;
  readonly idleRssBytes: number;
  readonly peakRssBytes: number;
  readonly seconds: number;
  readonly waitSeconds: number | undefined;
}

/** The JS heap and the buffers outside it (where bodies land). */
function usedBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
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

async function probe(baseUrl: string, mode: SampleMode): Promise<ProbeFigures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('big-answer-probe needs `node --expose-gc`: without it idle memory includes garbage');
  const client = createDataworqClient({ transport: 'native', baseUrl, keys: { apiKey: '', userApiKey: 'bench' }, timeoutMs: 600_000 });
  gc();
  const idleBytes = usedBytes();
  let peakBytes = idleBytes;
  const idleRssBytes = process.memoryUsage().rss;
  let peakRssBytes = idleRssBytes;
  const sample = () => {
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);
    if (mode === 'live') gc();
    peakBytes = Math.max(peakBytes, usedBytes());
  };
  const sampler = setInterval(sample, 10);
  const started = performance.now();
  const run = await checkRun(firstCheck(), { dataworq: client, clock: { now: () => new Date() } });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  sample();
  return { mode, idleBytes, peakBytes, idleRssBytes, peakRssBytes, seconds, waitSeconds: run.outcome === undefined ? run.poll.waitSeconds : undefined };
}

const [baseUrl, mode] = process.argv.slice(2);
if (baseUrl === undefined || (mode !== 'live' && mode !== 'raw')) throw new Error('usage: node --expose-gc bench/big-answer-probe.ts <baseUrl> live|raw');
process.stdout.write(JSON.stringify(await probe(baseUrl, mode)));
