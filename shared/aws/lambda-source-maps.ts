/**
 * Stack traces of the bundled Lambdas name the TypeScript source (`shared/run/check.ts:120:11`),
 * as `--enable-source-maps` would, but a bundle's map is read the first time a stack trace is
 * formatted, not at init. `--enable-source-maps` reads the map of every file it loads and scans
 * that file's code character by character when it loads: about a sixth of a cold start here
 * (docs/bench.md, P3), for traces most invocations never print.
 *
 * Imported first by each functions/<name>/index.ts, for its effect. It uses Node's own source map
 * reader (`node:module` SourceMap); outside a bundle (tests, local mode) there is no map beside
 * the file and frames print as V8 prints them.
 */
import type { SourceMap as SourceMapType, SourceOrigin } from 'node:module';

// process.getBuiltinModule, not an ES import: an imported node:fs builds its whole namespace
// (fs/promises and readline with it), the cost this module exists to avoid.
const { readFileSync } = process.getBuiltinModule('node:fs');
const { SourceMap } = process.getBuiltinModule('node:module');
const { fileURLToPath } = process.getBuiltinModule('node:url');

/** Each bundle file's map, once read; null = none (not a bundle, or unreadable). */
const maps = new Map<string, SourceMapType | null>();

function mapOf(url: string): SourceMapType | undefined {
  let map = maps.get(url);
  if (map === undefined) {
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8')));
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  return map ?? undefined;
}

function originOf(site: NodeJS.CallSite): SourceOrigin | undefined {
  const url = site.getFileName();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (!url?.startsWith('file://') || line === null || column === null) return undefined;
  const origin = mapOf(url)?.findOrigin(line, column);
  return origin && 'fileName' in origin ? origin : undefined;
}

/**
 * A sources path relative to the bundle (`../../shared/run/check.ts` when synth bundles into
 * cdk.out): the repository path, which is what a reader looks for.
 */
const sourcePath = (fileName: string) => fileName.replace(/^(\.\.\/)+/, '');

/**
 * One frame, mapped when its file has a map. Like Node, the function's name is the one the
 * caller's frame calls it by (a minified bundle's own names mean nothing).
 */
function frameText(site: NodeJS.CallSite, origin: SourceOrigin | undefined, caller: SourceOrigin | undefined): string {
  if (!origin) return site.toString();
  const name = caller?.name || site.getFunctionName();
  const where = `${sourcePath(origin.fileName)}:${origin.lineNumber}:${origin.columnNumber}`;
  const prefix = `${site.isAsync() ? 'async ' : ''}${site.isConstructor() ? 'new ' : ''}`;
  return name ? `${prefix}${name} (${where})` : `${prefix}${where}`;
}

function errorHeader(error: Error): string {
  try {
    return String(error);
  } catch {
    return 'Error';
  }
}

export function sourceMappedStack(error: Error, sites: readonly NodeJS.CallSite[]): string {
  const origins = sites.map(originOf);
  return [errorHeader(error), ...sites.map((site, index) => `    at ${frameText(site, origins[index], origins[index + 1])}`)].join('\n');
}

// Node's own mapping, when someone runs a bundle with --enable-source-maps, is left alone.
if (!process.sourceMapsEnabled) Error.prepareStackTrace = sourceMappedStack;
