/**
 * Scale: generated configs of 10 to 1,000 flows (bench/scale-config.ts: two schedules and a
 * webhook each, three shared callers), each synthesized as `cdk synth` does (bundling and cdk-nag
 * included), with per size: synth seconds, resources per stack, the largest template, the largest
 * Lambda bundle and config file, and the fixed monthly cost. Run alone: `node bench/scale.ts`.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DataworqStack } from '../infra/dataworq-stack.ts';
import { synthesizedTemplates } from '../infra/synthesized-templates.ts';
import { CONFIG_FILE_NAME } from '../shared/aws/config-file.ts';
import { assertConfigWithinLimits, templateLimitProblems } from '../shared/config/deployment-limits.ts';
import { fixedMonthlyCost } from '../shared/cost/fixed-cost.ts';
import { goal, type GoalCheck, num, usd } from './goals.ts';
import { MAX_BUNDLE_BYTES } from './lambda-bench.ts';
import { goalSection, textTable } from './report.ts';
import { scaleConfig } from './scale-config.ts';

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Every .mjs of an asset: index.mjs and its chunks (infra/constructs/lambda-bundling.ts). */
function bundleBytes(dir: string): number {
  const files = readdirSync(dir, { recursive: true }).map(String).filter((file) => file.endsWith('.mjs'));
  return files.reduce((total, file) => total + sizeOf(join(dir, file)), 0);
}

export const SCALE_SIZES = [10, 100, 300, 1000] as const;
const MAX_SYNTH_SECONDS = 120;
const MAX_FIXED_COST_RATIO = 2;

export interface ScaleFigures {
  readonly flows: number;
  readonly schedules: number;
  readonly synthSeconds: number;
  readonly stacks: ReadonlyArray<{ readonly name: string; readonly resources: number; readonly bytes: number }>;
  readonly largestBundleBytes: number;
  readonly largestConfigFileBytes: number;
  readonly fixedUsdPerMonth: number;
  readonly limitProblems: readonly string[];
}

export function measureScale(flows: number): ScaleFigures {
  const config = scaleConfig(flows);
  const outdir = mkdtempSync(join(tmpdir(), `dwq-scale-${flows}-`));
  try {
    const started = performance.now();
    assertConfigWithinLimits(config, `generated ${flows}`);
    const app = new App({ outdir });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    new DataworqStack(app, 'DataworqRunner', { config, env: { account: '123456789012', region: 'eu-west-1' } });
    const templates = synthesizedTemplates(app.synth().directory);
    const synthSeconds = (performance.now() - started) / 1000;
    const assets = readdirSync(outdir).filter((name) => name.startsWith('asset.')).map((name) => join(outdir, name));
    return {
      flows,
      schedules: Object.values(config.flows).reduce((sum, flow) => sum + flow.schedules.length, 0),
      synthSeconds,
      stacks: templates.map((t) => ({ name: t.name, resources: Object.keys(t.template.Resources ?? {}).length, bytes: t.bytes })),
      largestBundleBytes: Math.max(...assets.map(bundleBytes)),
      largestConfigFileBytes: Math.max(...assets.map((dir) => sizeOf(join(dir, CONFIG_FILE_NAME)))),
      fixedUsdPerMonth: fixedMonthlyCost(config).usdPerMonth,
      limitProblems: templateLimitProblems(templates),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export function scaleSection(figures: readonly ScaleFigures[]): string {
  const header = ['flows', 'schedules', 'synth s', 'stacks', 'most resources', 'largest template', 'largest bundle', 'largest config file', 'fixed $/month'];
  const rows = figures.map((f) => [
    String(f.flows),
    String(f.schedules),
    num(f.synthSeconds),
    String(f.stacks.length),
    String(Math.max(...f.stacks.map((stack) => stack.resources))),
    `${num(Math.max(...f.stacks.map((stack) => stack.bytes)) / 1000)} KB`,
    `${num(f.largestBundleBytes / 1000)} KB`,
    `${num(f.largestConfigFileBytes / 1000)} KB`,
    usd(f.fixedUsdPerMonth),
  ]);
  return textTable(header, rows, 0);
}

export function scaleGoals(figures: readonly ScaleFigures[]): GoalCheck[] {
  const smallest = figures[0];
  const largest = figures.at(-1);
  if (!smallest || !largest) return [];
  const problems = figures.flatMap((f) => f.limitProblems);
  const slowest = Math.max(...figures.map((f) => f.synthSeconds));
  const bundle = Math.max(...figures.map((f) => f.largestBundleBytes));
  const ratio = largest.fixedUsdPerMonth / smallest.fixedUsdPerMonth;
  return [
    goal(`Scale ${largest.flows} flows synthesize`, 'synth succeeds', `${largest.stacks.length} stacks`, true),
    goal('Scale CloudFormation limits', 'every stack ≤ 500 resources, ≤ 1 MB, ≤ 200 outputs', problems[0] ?? 'all within', problems.length === 0),
    goal('Scale largest Lambda bundle', '≤ 250 KB minified', `${num(bundle / 1000)} KB`, bundle <= MAX_BUNDLE_BYTES),
    goal(`Scale fixed cost, ${largest.flows} vs ${smallest.flows} flows`, `≤ ${MAX_FIXED_COST_RATIO}×`, `${usd(largest.fixedUsdPerMonth)} vs ${usd(smallest.fixedUsdPerMonth)} = ${num(ratio, 2)}×`, ratio <= MAX_FIXED_COST_RATIO),
    goal('Scale synth time', `≤ ${MAX_SYNTH_SECONDS} s per size`, `${num(slowest)} s`, slowest <= MAX_SYNTH_SECONDS),
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures: ScaleFigures[] = [];
  for (const flows of SCALE_SIZES) {
    figures.push(measureScale(flows));
    process.stdout.write(`synthesized ${flows} flows in ${num(figures.at(-1)!.synthSeconds)} s\n`);
  }
  process.stdout.write(`\n${scaleSection(figures)}\n\n`);
  const goals = scaleGoals(figures);
  process.stdout.write(`${goalSection(goals)}\n`);
  process.exitCode = goals.every((check) => check.pass) ? 0 : 1;
}
