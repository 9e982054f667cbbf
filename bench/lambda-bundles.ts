/**
 * P3, part one: each Lambda bundled exactly as BaseFunction bundles it (the same options,
 * infra/constructs/lambda-bundling.ts), plus a bare handler bundled the same way, with esbuild's
 * metafile telling what weighs most.
 */
import { mkdirSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { filesReadAtInit, LAMBDA_ENTRY_FILE, lambdaBuildOptions, REPO_ROOT } from '../infra/constructs/lambda-bundling.ts';

export interface LambdaBundle {
  readonly name: string;
  /** The .mjs file, inside the repository so that `@aws-sdk/*` resolves as in the runtime. */
  readonly file: string;
  /** Every .mjs file of the asset (what deploys). */
  readonly bytes: number;
  /** index.mjs and the chunks it imports statically: what is read and compiled at init. */
  readonly initBytes: number;
  /** Files besides index.mjs, each loaded by the first `import()` that needs it. */
  readonly chunks: number;
  readonly sourceMapBytes: number;
  /** `@aws-sdk/*` packages (provided by the Lambda runtime) imported statically: loaded at init. */
  readonly externals: readonly string[];
  /** `@aws-sdk/*` packages imported with `import()`: loaded on first use, not at init. */
  readonly deferredExternals: readonly string[];
  /** Heaviest contributors to what init reads (npm package or source folder) by minified bytes, largest first. */
  readonly heaviest: ReadonlyArray<{ readonly source: string; readonly bytes: number }>;
}

export const BARE_HANDLER = 'bare-handler';

/** Every functions/<name>/index.ts, as BaseFunction's `name` prop selects it. */
export function lambdaNames(): string[] {
  const root = join(REPO_ROOT, 'functions');
  return readdirSync(root).filter((name) => existsSync(join(root, name, 'index.ts'))).sort();
}

export async function bundleLambda(name: string, entry: string, outDir: string): Promise<LambdaBundle> {
  const dir = join(outDir, name);
  const result = await esbuild.build({ ...lambdaBuildOptions({ entry, outDir: dir }), metafile: true });
  const outputs = Object.entries(result.metafile.outputs);
  const entryChunk = outputs.find(([path]) => path.endsWith(`/${LAMBDA_ENTRY_FILE}`))?.[1];
  if (!entryChunk) throw new Error(`esbuild wrote no ${LAMBDA_ENTRY_FILE} for ${name}`);
  const js = outputs.filter(([path]) => path.endsWith('.mjs')).map(([, output]) => output);
  const maps = outputs.filter(([path]) => path.endsWith('.map')).map(([, output]) => output);
  const allImports = js.flatMap((output) => output.imports);
  const loadedAtInit = filesReadAtInit(result.metafile).map((path) => result.metafile.outputs[path]!);
  const atInit = sdkImports(loadedAtInit.flatMap((output) => output.imports), 'import-statement');
  return {
    name,
    file: join(dir, LAMBDA_ENTRY_FILE),
    bytes: sum(js.map((output) => output.bytes)),
    initBytes: sum(loadedAtInit.map((output) => output.bytes)),
    chunks: js.length - 1,
    sourceMapBytes: sum(maps.map((output) => output.bytes)),
    externals: atInit,
    deferredExternals: [...new Set([...sdkImports(allImports, 'dynamic-import'), ...sdkImports(allImports, 'import-statement')])].filter((path) => !atInit.includes(path)).sort(),
    heaviest: heaviest(Object.assign({}, ...loadedAtInit.map((output) => output.inputs))),
  };
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

function sdkImports(imports: ReadonlyArray<{ path: string; kind: string; external?: boolean }>, kind: string): string[] {
  return [...new Set(imports.filter((item) => item.external && item.kind === kind && item.path.startsWith('@aws-sdk/')).map((item) => item.path))].sort();
}

function heaviest(inputs: Record<string, { bytesInOutput: number }>): Array<{ source: string; bytes: number }> {
  const bySource = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
    const source = inPackage ?? path.split('/').slice(0, 2).join('/');
    bySource.set(source, (bySource.get(source) ?? 0) + bytesInOutput);
  }
  return [...bySource].map(([source, bytes]) => ({ source, bytes })).sort((a, b) => b.bytes - a.bytes).slice(0, 5);
}

/** Bundles every Lambda and a bare `async () => ({ statusCode: 202 })` handler into outDir. */
export async function bundleAll(outDir: string): Promise<LambdaBundle[]> {
  mkdirSync(outDir, { recursive: true });
  const bareEntry = join(outDir, 'bare-handler.ts');
  writeFileSync(bareEntry, 'export const handler = async () => ({ statusCode: 202 });\n');
  const bundles = [await bundleLambda(BARE_HANDLER, bareEntry, outDir)];
  for (const name of lambdaNames()) {
    bundles.push(await bundleLambda(name, join(REPO_ROOT, 'functions', name, 'index.ts'), outDir));
  }
  return bundles;
}
