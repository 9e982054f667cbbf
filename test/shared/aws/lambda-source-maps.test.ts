/**
 * A bundled Lambda's stack traces name the TypeScript source, with the map read when a trace is
 * printed, not at init: the bundle is built as synth builds it and run in a fresh Node without
 * --enable-source-maps, as the Lambdas run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_NODE_OPTIONS, lambdaBuildOptions, REPO_ROOT } from '../../../infra/constructs/lambda-bundling.ts';

const dir = mkdtempSync(join(tmpdir(), 'dwq-source-maps-'));
const bundle = join(dir, 'out', 'index.mjs');

beforeAll(async () => {
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    [
      `import ${JSON.stringify(join(REPO_ROOT, 'shared/aws/lambda-source-maps.ts'))};`,
      'export function failingStep(rows: number): number {',
      "  if (rows > 0) throw new Error('the step failed');",
      '  return rows;',
      '}',
      'export const handler = async (event: { rows: number }) => failingStep(event.rows);',
      '',
    ].join('\n'),
  );
  await esbuild.build(lambdaBuildOptions({ entry, outDir: join(dir, 'out') }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Imports the bundle (its map hidden while it loads when `hideMapAtInit`), calls it, prints the stack. */
function stackOf(hideMapAtInit: boolean): string {
  const script = `
    import { renameSync } from 'node:fs';
    const [url, map, hide] = process.argv.slice(1);
    if (hide === 'yes') renameSync(map, map + '.away');
    const module = await import(url);
    if (hide === 'yes') renameSync(map + '.away', map);
    try { await module.handler({ rows: 5 }); } catch (error) { process.stdout.write(error.stack); }
  `;
  return execFileSync(process.execPath, [...LAMBDA_NODE_OPTIONS, '--input-type=module', '-e', script, pathToFileURL(bundle).href, `${bundle}.map`, hideMapAtInit ? 'yes' : 'no'], {
    encoding: 'utf8',
  });
}

describe('lambda-source-maps: stack traces of a bundle', () => {
  it('name the TypeScript file, line and function that threw', () => {
    // Act
    const stack = stackOf(false);

    // Assess
    expect(stack.split('\n')[0]).toBe('Error: the step failed');
    expect(stack).toMatch(/at failingStep \(.*entry\.ts:3:\d+\)/);
    expect(stack).not.toMatch(/index\.mjs:\d+:\d+/);
  });

  it('read the map when the trace is printed, not when the bundle loads', () => {
    // Act: the map is absent while the module loads and back before the error.
    const stack = stackOf(true);

    // Assess
    expect(stack).toMatch(/entry\.ts:3:\d+/);
  });
});
