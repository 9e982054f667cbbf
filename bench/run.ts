/**
 * `npm run bench`: poll efficiency (P1), cost (P2), Lambda bundles and init (P3), webhook
 * throughput (P4) and a cost per configured flow, each figure next to its goal. Writes
 * bench/results/latest.json, docs/polling-chart.svg and the results section of docs/bench.md. Only 127.0.0.1 traffic; every part is
 * bounded (a few minutes at most on 2 cores). docs/bench.md explains the method.
 *
 * `npm run bench -- --only p3,p5` runs only those parts (p1 includes p2, which prices its runs)
 * and prints their goals; it writes nothing, since the documents hold a whole run's figures.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../shared/config/load.ts';
import { costPerRun, LAMBDA_ASSUMPTIONS } from '../shared/cost/cost-model.ts';
import { PRICES } from '../shared/cost/prices.ts';
import { SIM_LATENCY } from '../shared/cost/simulated-dataworq.ts';
import { POLLING } from '../shared/run/polling.ts';
import { pollingChartSvg } from './chart.ts';
import { resultsMarkdown, withResults } from './docs-results.ts';
import { firstAlertSection, firstAlertTimes } from './first-alert.ts';
import type { GoalCheck } from './goals.ts';
import { DEFAULT_MIX } from './job-mix.ts';
import * as report from './report.ts';
import { measureParts, onlyParts, PARTS, runParts } from './run-only.ts';
import { measureScale, SCALE_SIZES, scaleGoals, scaleSection } from './scale.ts';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const RESULTS_DIR = join(BENCH_DIR, 'results');
const CHART_FILE = fileURLToPath(new URL('../docs/polling-chart.svg', import.meta.url));
const DOC_FILE = fileURLToPath(new URL('../docs/bench.md', import.meta.url));
// Fresh processes per bundle, interleaved: on a shared 2-core machine one init ratio moved by up to
// 0.56 across three runs of 9 rounds, and by up to 0.32 across three runs of 25.
const INIT_SAMPLES = 25;
const THROUGHPUT = { flow: 'demo-load', requests: 4_000, concurrency: 16, maxSecondsPerRound: 4, rounds: 3 } as const;

const started = performance.now();
const say = (text: string) => process.stdout.write(`${text}\n`);
const section = (title: string, body: string) => say(`\n## ${title}\n${body}`);
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

say(`npm run bench: ${cpus().length} CPUs, load ${loadavg().map((value) => value.toFixed(1)).join(' ')}, Node ${process.version}`);
const config = loadConfig();
const context = { config, resultsDir: RESULTS_DIR, benchDir: BENCH_DIR, initSamples: INIT_SAMPLES, throughput: THROUGHPUT, section, elapsed };
const only = onlyParts(process.argv.slice(2));
if (only !== undefined) {
  const { met, total } = await runParts(only, context);
  say(`\n${met} of ${total} goals of ${[...only].join(', ')} met; ${elapsed()}. Nothing written (--only).`);
  process.exit(met === total ? 0 : 1);
}

// P1 to P5, as `--only` runs them; then what only the whole bench measures.
const measured = await measureParts(new Set(PARTS), context);
const { stats, costs, definition, firstRunGoals } = measured.p1!;
const lambdas = measured.lambdas!;
const throughput = measured.throughput!;

const flowCosts = [];
for (const flow of Object.values(config.flows)) flowCosts.push(await costPerRun(flow, definition));
section('Cost per run of each configured flow (costPerRun, `dwq cost`)', report.flowCostSection(flowCosts));

const firstAlert = await firstAlertTimes();
section(`npm start -- --once: time to the first alert (${elapsed()})`, firstAlertSection(firstAlert));

const scale = SCALE_SIZES.map(measureScale);
section(`Scale: generated configs of ${SCALE_SIZES.join(', ')} flows, each synthesized (${elapsed()})`, scaleSection(scale));

// The deployed strategy learns from history: its goals, and the cost of a flow's first runs
// (before DataWORQ has history), decide the exit code. Age-only's poll figures are reported beside.
const goals: GoalCheck[] = [...measured.goals, ...scaleGoals(scale)];
section('Goals (the deployed strategy, with history)', report.goalSection(goals));
section('For comparison: a flow\'s first runs, before DataWORQ has history (age only)', report.goalSection(firstRunGoals));

mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(CHART_FILE, pollingChartSvg(stats, `${DEFAULT_MIX.jobs} simulated jobs, 10 s to 8 h: DataWORQ calls and detection lag by job duration`));
const machine = `${cpus().length} CPUs, load ${loadavg().map((value) => value.toFixed(1)).join(' ')}, Node ${process.version}`;
writeFileSync(DOC_FILE, withResults(readFileSync(DOC_FILE, 'utf8'), resultsMarkdown({ machine, stats, costs, lambdas, throughput, goals })));
const results = {
  generatedAt: new Date().toISOString(),
  machine: { cpus: cpus().length, loadavg: loadavg(), node: process.version },
  assumptions: { mix: DEFAULT_MIX, latencyMs: SIM_LATENCY, prices: PRICES, lambda: LAMBDA_ASSUMPTIONS, polling: POLLING },
  p1: stats,
  p2: costs,
  flowCosts,
  p3: lambdas,
  p4: throughput,
  goals,
  firstRunGoals,
  elapsedSeconds: (performance.now() - started) / 1000,
};
writeFileSync(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
const failed = goals.filter((check) => !check.pass).length;
say(`\n${goals.length - failed} of ${goals.length} goals met; ${elapsed()}. Wrote bench/results/latest.json, docs/polling-chart.svg and docs/bench.md's results.`);
process.exitCode = failed === 0 ? 0 : 1;
