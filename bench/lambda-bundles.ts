/**
 * P3, part one: each Lambda bundled exactly as BaseFunction bundles it (the same options,
 * infra/constructs/base-function.ts), plus a bare handler bundled the same way, with esbuild's
 * metafile telling what weighs most.
 */
import { mkdirSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { LAMBDA_BUNDLING, REPO_ROOT } from '../infra/constructs/base-function.ts';

export interface LambdaBundle {
  readonly name: string;
  /** The .mjs file, inside the repository so that `@aws-sdk/*` resolves as in the runtime. */
  readonly file: string;
  readonly bytes: number;
  readonly sourceMapBytes: number;
  /** `@aws-sdk/*` packages (provided by the Lambda runtime) imported statically: loaded at init. */
  readonly externals: readonly string[];
  /** `@aws-sdk/*` packages imported with `import()`: loaded on first use, not at init. */
  readonly deferredExternals: readonly string[];
  /** Heaviest contributors (npm package or source folder) by minified bytes, largest first. */
  readonly heaviest: ReadonlyArray<{ readonly source: string; readonly bytes: number }>;
}

export const BARE_HANDLER = 'bare-handler';

/** Every functions/<name>/index.ts, as BaseFunction's `name` prop selects it. */
export function lambdaNames(): string[] {
  const root = join(REPO_ROOT, 'functions');
  return readdirSync(root).filter((name) => existsSync(join(root, name, 'index.ts'))).sort();
}

/** `define` per function, as its construct sets it (only the webhook inlines the config). */
export type Defines = Readonly<Record<string, Readonly<Record<string, string>>>>;

export async function bundleLambda(name: string, entry: string, outDir: string, define: Readonly<Record<string, string>> = {}): Promise<LambdaBundle> {
  const file = join(outDir, name, 'index.mjs');
  const result = await esbuild.build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: String(LAMBDA_BUNDLING.format) as esbuild.Format,
    target: LAMBDA_BUNDLING.target,
    minify: LAMBDA_BUNDLING.minify,
    // SourceMapMode.DEFAULT: a .map file beside the bundle, linked by a comment.
    sourcemap: LAMBDA_BUNDLING.sourceMap,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    external: [...LAMBDA_BUNDLING.externalModules],
    banner: { js: LAMBDA_BUNDLING.banner },
    define: { ...define },
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = Object.entries(result.metafile.outputs);
  const js = outputs.find(([path]) => path.endsWith('.mjs'))?.[1];
  const map = outputs.find(([path]) => path.endsWith('.map'))?.[1];
  if (!js) throw new Error(`esbuild wrote no bundle for ${name}`);
  return {
    name,
    file,
    bytes: js.bytes,
    sourceMapBytes: map?.bytes ?? 0,
    externals: sdkImports(js.imports, 'import-statement'),
    deferredExternals: sdkImports(js.imports, 'dynamic-import').filter((path) => !sdkImports(js.imports, 'import-statement').includes(path)),
    heaviest: heaviest(js.inputs),
  };
}

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
export async function bundleAll(outDir: string, defines: Defines): Promise<LambdaBundle[]> {
  mkdirSync(outDir, { recursive: true });
  const bareEntry = join(outDir, 'bare-handler.ts');
  writeFileSync(bareEntry, 'export const handler = async () => ({ statusCode: 202 });\n');
  const bundles = [await bundleLambda(BARE_HANDLER, bareEntry, outDir)];
  for (const name of lambdaNames()) {
    bundles.push(await bundleLambda(name, join(REPO_ROOT, 'functions', name, 'index.ts'), outDir, defines[name]));
  }
  return bundles;
}
