/** The definition cache keeps only a definition built from the sources its key names. */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedRunFlowDefinition } from '../../../local/runtime/definition-cache.ts';
import { loadConfig } from '../../../shared/config/load.ts';

describe('Function: cachedRunFlowDefinition', () => {
  it('writes no cache file when a source changed during the synth, and writes one when none did', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'dwq-definition-cache-'));
    const source = join(dir, 'source.ts');
    writeFileSync(source, 'export const version = 1;\n');
    const cacheDir = join(dir, 'cache');
    const config = loadConfig();

    // Act
    const edited = await cachedRunFlowDefinition(config, { cacheDir, sources: [source], onSynthesize: () => writeFileSync(source, 'export const version = 2;\n') });
    const filesAfterEdit = existsSync(cacheDir) ? readdirSync(cacheDir).length : 0;
    const stable = await cachedRunFlowDefinition(config, { cacheDir, sources: [source] });

    // Assess
    expect(edited.StartAt).toBe('Submit');
    expect(filesAfterEdit).toBe(0);
    expect(stable.StartAt).toBe('Submit');
    expect(readdirSync(cacheDir)).toHaveLength(1);
  }, 60_000);
});
