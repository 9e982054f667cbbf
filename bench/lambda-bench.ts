/** P3: every Lambda's bundle size and initialisation time, next to a bare handler's, and the goals. */
import { join } from 'node:path';
import { REPO_ROOT } from '../infra/constructs/lambda-bundling.ts';
import { goal, type GoalCheck, num } from './goals.ts';
import { measureInit, type InitTiming } from './init-time.ts';
import { BARE_HANDLER, bundleAll, type LambdaBundle } from './lambda-bundles.ts';

export const MAX_BUNDLE_BYTES = 250_000;
export const MAX_INIT_RATIO = 2;

export interface LambdaFigures {
  readonly bundle: LambdaBundle;
  readonly init: InitTiming;
}

export async function lambdaFigures(outDir: string, samples: number): Promise<LambdaFigures[]> {
  const bundles = await bundleAll(outDir);
  const timings = await measureInit(bundles, samples, REPO_ROOT);
  return bundles.map((bundle) => ({ bundle, init: timings.find((timing) => timing.name === bundle.name)! }));
}

export function lambdaGoals(figures: readonly LambdaFigures[]): GoalCheck[] {
  const bare = figures.find((figure) => figure.bundle.name === BARE_HANDLER);
  if (!bare) throw new Error('P3: no bare handler measured');
  return figures
    .filter((figure) => figure !== bare)
    .flatMap(({ bundle, init }) => {
      const ratio = init.readyMs / bare.init.readyMs;
      return [
        goal(`P3 ${bundle.name} bundle`, '≤ 250 KB minified', `${num(bundle.bytes / 1000)} KB`, bundle.bytes <= MAX_BUNDLE_BYTES),
        goal(`P3 ${bundle.name} init`, '≤ 2× the bare handler', `${num(init.readyMs)} ms vs ${num(bare.init.readyMs)} ms = ${num(ratio, 2)}×`, ratio <= MAX_INIT_RATIO),
      ];
    });
}

export function bundleDir(resultsDir: string): string {
  return join(resultsDir, 'bundles');
}
