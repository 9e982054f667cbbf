/**
 * The Lambdas' bundles as synth builds them: code a function rarely runs is a chunk behind an
 * `import()`, not part of what its cold start reads; every function maps its stack traces; and a
 * source esbuild refuses fails the synth with a message naming the function.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { BaseFunction } from '../../infra/constructs/base-function.ts';
import { filesReadAtInit, lambdaBuildOptions, REPO_ROOT } from '../../infra/constructs/lambda-bundling.ts';

const outDir = mkdtempSync(join(tmpdir(), 'dwq-bundles-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** The source files whose code the function's cold start reads, from esbuild's metafile. */
async function readAtInit(name: string): Promise<{ sources: string[]; files: string[] }> {
  const dir = join(outDir, name);
  const { metafile } = await esbuild.build({ ...lambdaBuildOptions({ entry: join(REPO_ROOT, 'functions', name, 'index.ts'), outDir: dir }), metafile: true });
  const atInit = filesReadAtInit(metafile);
  return {
    sources: atInit.flatMap((file) => Object.keys(metafile.outputs[file]!.inputs)),
    files: readdirSync(dir, { recursive: true }).map(String).filter((file) => file.endsWith('.mjs')),
  };
}

describe('Lambda bundles', () => {
  it.each([
    // Templates (and luxon) only for flows that have them.
    { name: 'submit', notAtInit: ['luxon', 'shared/periods/render.ts'] },
    // Maintenance windows' cron code (and luxon) only for flows that have windows.
    { name: 'notify', notAtInit: ['luxon', 'shared/maintenance/window.ts'] },
    // The alert renderers only when an incident opens or closes.
    { name: 'check', notAtInit: ['shared/alerts/channels/slack.ts', 'shared/incidents/incident-alert.ts', 'luxon'] },
    // The alert renderers only when something is reported; no DataWORQ client at all.
    { name: 'watchdog', notAtInit: ['shared/watch/watch-alert.ts', 'shared/alerts/channels/slack.ts', 'shared/dataworq/http-dataworq-client.ts', 'zod'] },
  ])('$name: a cold start does not read $notAtInit', async ({ name, notAtInit }) => {
    // Act
    const { sources, files } = await readAtInit(name);

    // Assess
    expect(sources).toContain(`functions/${name}/index.ts`);
    for (const source of notAtInit) expect(sources.filter((path) => path.includes(source)), source).toEqual([]);
    expect(files.length).toBeGreaterThan(1);
  }, 60_000);

  it('maps every Lambda\'s stack traces: each functions/<name>/index.ts imports lambda-source-maps.ts before anything else', () => {
    // Prepare
    const names = readdirSync(join(REPO_ROOT, 'functions')).filter((name) => existsSync(join(REPO_ROOT, 'functions', name, 'index.ts')));

    // Act
    const firstImports = names.map((name) => readFileSync(join(REPO_ROOT, 'functions', name, 'index.ts'), 'utf8').match(/^import .*$/m)?.[0]);

    // Assess
    expect(names.length).toBeGreaterThanOrEqual(6);
    expect(new Set(firstImports)).toEqual(new Set(["import '../../shared/aws/lambda-source-maps.ts';"]));
  });

  it('fails the synth with the function named when esbuild cannot bundle its source', () => {
    // Prepare
    const stack = new Stack(new App(), 'BundlingError');

    // Act
    const bundle = () => new BaseFunction(stack, 'Missing', { name: 'no-such-function', description: 'does not exist' });

    // Assess
    // CDK wraps the BundlingError in its own, keeping the message.
    expect(bundle).toThrow(/BundlingError: Could not bundle the no-such-function Lambda: Could not resolve "functions\/no-such-function\/index.ts"/);
  });
});
