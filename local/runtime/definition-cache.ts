/**
 * The synthesized RunFlow definition, cached. A CDK synth takes seconds, so `npm start` and
 * `dwq run` keep the result under .dwq/cache, keyed by the config and by the source the
 * definition is built from (infra/, shared/, local/runtime/definition.ts, the lockfile); any
 * change there synthesizes again. aws-cdk-lib is only loaded on a miss.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DwqConfig } from '../../shared/config/schema.ts';
import type { AslDefinition } from './definition.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_DEFINITION_CACHE_DIR = join(ROOT, '.dwq', 'cache');
const SOURCES = ['infra', 'shared', 'local/runtime/definition.ts', 'package-lock.json'];

const inMemory = new Map<string, AslDefinition>();

export interface DefinitionCacheOptions {
  /** Where cached definitions live (the CLI reads DWQ_CACHE_DIR); false = memory only. Default .dwq/cache in the repository. */
  readonly cacheDir?: string | false;
  /** Called before a synth (a cache miss), so a caller can say why the start takes a moment. */
  readonly onSynthesize?: () => void;
  /** Files and folders whose content keys the cache (tests); default the definition's sources in the repository. */
  readonly sources?: readonly string[];
}

export async function cachedRunFlowDefinition(config: DwqConfig, options: DefinitionCacheOptions = {}): Promise<AslDefinition> {
  const sources = options.sources ?? SOURCES.map((source) => join(ROOT, source));
  const key = cacheKey(config, sources);
  const known = inMemory.get(key);
  if (known) return known;
  const dir = options.cacheDir ?? DEFAULT_DEFINITION_CACHE_DIR;
  const file = dir === false ? undefined : join(dir, `run-flow-${key}.json`);
  let definition = file ? readCached(file) : undefined;
  if (!definition) {
    options.onSynthesize?.();
    definition = await synthesize(config);
    // Sources edited while the synth ran (a worktree mid-edit) may have gone into the definition:
    // then it is not the one this key names, and is kept for this process only.
    if (file && cacheKey(config, sources) === key) writeCached(file, definition);
  }
  inMemory.set(key, definition);
  return definition;
}

async function synthesize(config: DwqConfig): Promise<AslDefinition> {
  const { synthesizeRunFlowDefinition } = await import('./definition.ts');
  return synthesizeRunFlowDefinition(config);
}

function cacheKey(config: DwqConfig, sources: readonly string[]): string {
  const hash = createHash('sha256').update(JSON.stringify(config));
  for (const source of sources) hashSource(hash, source);
  return hash.digest('hex').slice(0, 32);
}

function hashSource(hash: ReturnType<typeof createHash>, path: string): void {
  let entries: string[];
  try {
    entries = readdirSync(path, { recursive: true, encoding: 'utf8' }).sort();
  } catch {
    // Not a directory: hash the file itself (or nothing, when absent).
    try {
      hash.update(path).update(readFileSync(path));
    } catch {
      hash.update(`${path}: absent`);
    }
    return;
  }
  for (const entry of entries) {
    if (!entry.endsWith('.ts') && !entry.endsWith('.json')) continue;
    hash.update(entry).update(readFileSync(join(path, entry)));
  }
}

function readCached(file: string): AslDefinition | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as AslDefinition;
  } catch {
    return undefined;
  }
}

/** Best effort, and atomic (write then rename): a half-written cache file is never read. */
function writeCached(file: string, definition: AslDefinition): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(definition));
    renameSync(temporary, file);
    pruneStale(join(file, '..'));
  } catch {
    // A read-only checkout still runs; it only synthesizes every time.
  }
}

/** Entries for sources that have since changed are never read again; drop those over a day old. */
function pruneStale(dir: string): void {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name.startsWith('run-flow-') && statSync(path).mtimeMs < dayAgo) rmSync(path, { force: true });
  }
}
