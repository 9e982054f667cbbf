/**
 * Big answers (issue #12, point 2): Check's first status check reads DataWORQ's `history` list,
 * whose jobs each carry their whole log. A local server streams such a list (generated on the
 * fly, never held whole) and Check runs against it through the real client in its own fresh
 * process (bench/big-answer-probe.ts), whose memory is sampled while it reads, against the same
 * process's memory just before: once after collecting garbage at each sample (what Check holds:
 * the goal), once without (what the process holds, garbage V8 has not freed yet included).
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ProbeFigures, SampleMode } from './big-answer-probe.ts';
import { goal, num, type GoalCheck } from './goals.ts';

export interface BigAnswerFigures {
  readonly jobs: number;
  readonly logBytes: number;
  readonly answerMb: number;
  /** Live memory (after a collection) before the read, and its peak while reading. */
  readonly idleMb: number;
  readonly peakMb: number;
  readonly growthMb: number;
  /** The same read sampled without collecting: garbage not yet freed included. */
  readonly rawGrowthMb: number;
  /** The resident set size's growth over idle (the raw read's: no forced collection). */
  readonly rssGrowthMb: number;
  readonly seconds: number;
  /** Check went on polling (it did not crash, and chose a wait). */
  readonly waitSeconds: number | undefined;
}

const MB = 1024 * 1024;
const PROBE = fileURLToPath(new URL('./big-answer-probe.ts', import.meta.url));
const LOG_LINE = '05/19/2021 12:01:56,580 [pool-9-thread-1] PERFORMANCE node.FlatFileSourceNode - rows 118\r\n';

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

/** Runs Check in a fresh process; the parent's heap limit (a test's `--max-old-space-size`) applies to it too. */
function runProbe(baseUrl: string, mode: SampleMode): Promise<ProbeFigures> {
  const heapLimit = process.execArgv.filter((arg) => arg.startsWith('--max-old-space-size'));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', ...heapLimit, PROBE, baseUrl, mode], { timeout: 300_000, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`P5 probe (${mode}) failed: ${stderr.split('\n').slice(0, 3).join(' ') || error.message}`)) : resolve(JSON.parse(stdout) as ProbeFigures),
    );
  });
}

/** Streams the history to two fresh Check processes, one sampling live memory, one raw. */
export async function measureBigHistory(jobs = 100, logBytes = 3 * MB): Promise<BigAnswerFigures> {
  const dataworq = await streamingDataworq(jobs, logBytes);
  try {
    const live = await runProbe(dataworq.url, 'live');
    const raw = await runProbe(dataworq.url, 'raw');
    return {
      jobs,
      logBytes,
      answerMb: (jobs * logBytes) / MB,
      idleMb: live.idleBytes / MB,
      peakMb: live.peakBytes / MB,
      growthMb: (live.peakBytes - live.idleBytes) / MB,
      rawGrowthMb: (raw.peakBytes - raw.idleBytes) / MB,
      rssGrowthMb: (raw.peakRssBytes - raw.idleRssBytes) / MB,
      seconds: raw.seconds,
      waitSeconds: live.waitSeconds !== undefined && raw.waitSeconds !== undefined ? live.waitSeconds : undefined,
    };
  } finally {
    await dataworq.close();
  }
}

/** Goal: reading a 300 MB history costs Check less than 64 MB of live memory over idle (a 256 MB Lambda). */
export function bigAnswerGoal(figures: BigAnswerFigures): GoalCheck {
  return goal(
    'P5',
    `Check reads a ${figures.jobs}-job history of ${num(figures.logBytes / MB, 0)} MB logs holding < 64 MB over idle (live, sampled after a collection), and goes on polling`,
    `+${num(figures.growthMb)} MB (idle ${num(figures.idleMb)} MB, peak ${num(figures.peakMb)} MB; garbage included +${num(figures.rawGrowthMb)} MB, RSS +${num(figures.rssGrowthMb)} MB; ${num(figures.answerMb, 0)} MB answer read in ${num(figures.seconds)} s)`,
    figures.growthMb < 64 && figures.waitSeconds !== undefined,
  );
}

export function bigAnswerSection(figures: BigAnswerFigures): string {
  const check = bigAnswerGoal(figures);
  return `${check.goal}: ${check.actual} ${check.pass ? 'PASS' : 'FAIL'}`;
}
