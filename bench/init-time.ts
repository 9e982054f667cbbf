/**
 * P3, part two: module initialisation, measured in fresh Node processes as Lambda starts one.
 *
 * Each probe is a new `node` process with the options the Lambdas run with (LAMBDA_NODE_OPTIONS) that
 * imports the bundle and reports `performance.now()` once the module has evaluated: the time
 * from process start to a ready handler, which is what Lambda reports as Init Duration (runtime
 * start included). The bundle's own import time and the AWS SDK share are reported beside it.
 * Probes of all bundles are interleaved so that background load hits them alike.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { LAMBDA_NODE_OPTIONS } from '../infra/constructs/lambda-bundling.ts';
import { median } from './stats.ts';

export interface InitTiming {
  readonly name: string;
  readonly samples: number;
  /** Process start → handler exported, median (ms). */
  readonly readyMs: number;
  /** The `import()` of the bundle alone, median (ms). */
  readonly importMs: number;
  /** Importing the bundle's static `@aws-sdk/*` imports alone in a fresh process: part of init (ms). */
  readonly sdkMs: number;
  /**
   * The SDK modules the bundle imports on first use, imported right after it in the same process
   * (what they add once the bundle's own modules, node:crypto among them, are loaded): paid by the
   * first call, not init (ms).
   */
  readonly deferredSdkMs: number;
  /** Process start → the bundle and its first-use SDK modules loaded: the CPU floor of a cold start's init and first call (ms). */
  readonly firstUseMs: number;
}

/** Environment every probe gets: what the constructs set, fake but well-formed. */
export const PROBE_ENV: Readonly<Record<string, string>> = {
  AWS_REGION: 'us-east-1',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  POWERTOOLS_SERVICE_NAME: 'dataworq-runner',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  DWQ_CONNECTOR_SECRET: 'bench/connector',
  DWQ_ALERTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:bench-alerts',
  DWQ_STATE_TABLE: 'bench-state',
  STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:bench',
  DWQ_WEBHOOK_SECRETS: '{}',
  DWQ_DELIVERY_SUBSCRIBERS: '[]',
  DWQ_DELIVERY_DLQ_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/bench-dlq',
};

const PROBE = `
const started = performance.now();
const module = await import(process.argv[1]);
if (typeof module.handler !== 'function') throw new Error('no handler export');
const ready = performance.now();
for (const name of process.argv.slice(2)) await import(name);
// Read before process.stdout, whose first use opens the stream (a few ms).
const loaded = performance.now();
process.stdout.write(JSON.stringify({ ready, import: ready - started, loaded }));
`;

const SDK_PROBE = `
const started = performance.now();
for (const name of process.argv.slice(1)) await import(name);
process.stdout.write(JSON.stringify({ ready: performance.now(), import: performance.now() - started }));
`;

interface ProbeResult {
  readonly ready: number;
  readonly import: number;
  readonly loaded?: number;
}

function probe(script: string, args: readonly string[], cwd: string): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...LAMBDA_NODE_OPTIONS, '--input-type=module', '-e', script, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...PROBE_ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out) as ProbeResult);
      else reject(new Error(`init probe ${args[0]} exited ${code}: ${err.split('\n').slice(0, 3).join(' ')}`));
    });
  });
}

export interface InitTarget {
  readonly name: string;
  readonly file: string;
  readonly externals: readonly string[];
  readonly deferredExternals: readonly string[];
}

/** `samples` interleaved rounds over all targets; `cwd` must see the repository's node_modules. */
export async function measureInit(targets: readonly InitTarget[], samples: number, cwd: string): Promise<InitTiming[]> {
  const results = new Map(targets.map((target) => [target.name, { ready: [] as number[], import: [] as number[], sdk: [] as number[], deferred: [] as number[], loaded: [] as number[] }]));
  for (let round = 0; round < samples; round++) {
    for (const target of targets) {
      const bucket = results.get(target.name)!;
      const timing = await probe(PROBE, [pathToFileURL(target.file).href, ...target.deferredExternals], cwd);
      bucket.ready.push(timing.ready);
      bucket.import.push(timing.import);
      bucket.loaded.push(timing.loaded ?? timing.ready);
      if (target.externals.length > 0) bucket.sdk.push((await probe(SDK_PROBE, target.externals, cwd)).import);
      if (target.deferredExternals.length > 0) bucket.deferred.push((timing.loaded ?? timing.ready) - timing.ready);
    }
  }
  const medianOrZero = (values: number[]) => (values.length > 0 ? median(values) : 0);
  return targets.map((target) => {
    const bucket = results.get(target.name)!;
    return {
      name: target.name,
      samples,
      readyMs: median(bucket.ready),
      importMs: median(bucket.import),
      sdkMs: medianOrZero(bucket.sdk),
      deferredSdkMs: medianOrZero(bucket.deferred),
      firstUseMs: median(bucket.loaded),
    };
  });
}
