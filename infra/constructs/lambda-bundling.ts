/**
 * How every Lambda is bundled: minified ESM for Node 24 by esbuild, split into chunks at each
 * `import()`, so that code a function rarely runs (templates, maintenance windows, alert
 * rendering outside Notify) is a file of its own, read and compiled only when it is first used
 * instead of at every cold start. BaseFunction builds its asset with it and `npm run bench`
 * measures exactly these bundles.
 *
 * Why not NodejsFunction's bundling: it writes one file (`--outfile`), and esbuild splits only
 * into a folder (`--outdir`). One file keeps every dynamically imported module in the bundle,
 * so V8 still reads and compiles it at init (docs/bench.md, "What costs init").
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions, Metafile } from 'esbuild';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The Node options the Lambdas run with, which the bench's init probes use too. Not
 * `--enable-source-maps`: it reads every map at load (shared/aws/lambda-source-maps.ts maps
 * stack traces on demand instead).
 */
export const LAMBDA_NODE_OPTIONS: readonly string[] = [];

/** The file the handler is in, in the asset's root: the runtime loads `index.handler` from it. */
export const LAMBDA_ENTRY_FILE = 'index.mjs';

export interface LambdaBuild {
  /** The handler's module, e.g. functions/check/index.ts. */
  readonly entry: string;
  /** The asset folder: index.mjs, chunks/, and their maps. */
  readonly outDir: string;
}

/** esbuild's options for one Lambda; run them with `buildSync` (synth) or `build` (bench, with a metafile). */
export function lambdaBuildOptions(build: LambdaBuild): BuildOptions {
  return {
    absWorkingDir: REPO_ROOT,
    entryPoints: { index: build.entry },
    outdir: build.outDir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    // A .map beside each file, linked by a comment, without the sources (a sixth the size):
    // shared/aws/lambda-source-maps.ts reads it when a stack trace is printed, to name file and line.
    sourcemap: 'linked',
    sourcesContent: false,
    mainFields: ['module', 'main'],
    // The Node 24 runtime ships AWS SDK v3; bundling it again only adds cold-start weight.
    external: ['@aws-sdk/*'],
    // Some dependencies call require() for Node built-ins; ESM has no require of its own.
    banner: { js: "import { createRequire as __dwqCreateRequire } from 'node:module'; const require = __dwqCreateRequire(import.meta.url);" },
    logLevel: 'silent',
  };
}

/**
 * The output files the runtime reads at init: index.mjs and every chunk it imports statically,
 * transitively (a chunk behind an `import()` is read on first use). From esbuild's metafile.
 */
export function filesReadAtInit(metafile: Metafile): string[] {
  const entry = Object.keys(metafile.outputs).find((path) => path.endsWith(`/${LAMBDA_ENTRY_FILE}`));
  if (entry === undefined) return [];
  const seen = new Set([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    for (const item of metafile.outputs[queue.shift()!]?.imports ?? []) {
      if (item.kind !== 'import-statement' || item.external || seen.has(item.path)) continue;
      seen.add(item.path);
      queue.push(item.path);
    }
  }
  return [...seen];
}
