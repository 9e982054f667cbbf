import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../shared/config/load.ts';
import { costPerRun } from '../../../shared/cost/cost-model.ts';
import { definitionFor } from '../runtime/support/local-kit.ts';
import { runCli } from './support/cli-kit.ts';

const FLOWS = Object.keys(loadConfig().flows);

interface RunCostJson {
  readonly statusCalls: number;
  readonly transitions: number;
  readonly lambdaRequests: number;
  readonly usd: { readonly stepFunctions: number; readonly lambda: number; readonly total: number };
  readonly usdPer1000Runs: number;
}

interface FlowCostJson {
  readonly flow: string;
  readonly maxDurationSeconds: number;
  readonly typicalRuntimeSeconds: number;
  readonly typicalRuntimeAssumed: boolean;
  readonly typical: RunCostJson;
  readonly typicalWithoutHistory: RunCostJson;
  readonly worstCase: RunCostJson;
}

beforeAll(async () => {
  // Warms the definition cache the CLI reads (DWQ_CACHE_DIR), so no test pays for a synth.
  await definitionFor(loadConfig());
});

describe('Command: dwq cost', () => {
  it('prints three priced runs for every configured flow, and the prices used', async () => {
    // Act
    const result = await runCli(['cost']);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^FLOW +MAX DURATION +RUN +RUNTIME +CHECKS +TRANSITIONS +λ REQUESTS +PER RUN +PER 1,000 RUNS$/);
    for (const flow of FLOWS) {
      const rows = lines.filter((line) => line.startsWith(`${flow} `));
      expect(rows).toHaveLength(3);
      expect(rows[0]).toMatch(/typical, learned history +\d+[smhd]\S*\* +\d+ +\d+ +\d+ +\$0\.\d+ +\$\d/);
      expect(rows[1]).toContain('typical, no history');
      expect(rows[2]).toMatch(/to max duration +\d+[smhd]\S* \(TIMED_OUT\)/);
    }
    expect(lines.filter((line) => line.startsWith('demo-load '))[0]).toMatch(/^demo-load +2h +typical, learned history +30m\*/);
    expect(result.stdout).toContain('* assumed: a quarter of the max duration');
    expect(result.stdout).toContain('Prices: us-east-1 list prices');
    expect(result.stdout).toContain('$0.025 per 1,000 state transitions');
    expect(result.stdout).toMatch(/Fixed monthly cost of the stack, whatever runs: \$\d+\.\d{2}/);
    expect(result.stdout).toMatch(/Secrets Manager: webhook callers +\d+ secrets +\$/);
    expect(result.stdout).toMatch(/KMS key \(alerts topics\) +1 keys +\$1\.00/);
  });

  it('prints the numbers as JSON, ordered typical with history ≤ without history ≤ to the max duration', async () => {
    // Act
    const result = await runCli(['cost', '--json']);

    // Assess
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { file: string; prices: { region: string }; flows: FlowCostJson[] };
    expect(report.file).toMatch(/config[/\\]dataworq\.yaml$/);
    expect(report.prices.region).toBe('us-east-1');
    expect(report.flows.map((flow) => flow.flow)).toEqual(FLOWS);
    for (const flow of report.flows) {
      expect(flow).toMatchObject({ typicalRuntimeSeconds: flow.maxDurationSeconds / 4, typicalRuntimeAssumed: true });
      const { typical, typicalWithoutHistory, worstCase } = flow;
      for (const run of [typical, typicalWithoutHistory, worstCase]) {
        expect(run.statusCalls).toBeGreaterThan(0);
        expect(run.transitions).toBeGreaterThanOrEqual(8);
        // Check invocations (requests − Submit − Notify) make one or more status calls each, but the first may only read the history.
        expect(run.lambdaRequests).toBeLessThanOrEqual(run.statusCalls + 3);
        expect(run.transitions).toBe(5 + 3 * (run.lambdaRequests - 2));
        expect(run.usd.total).toBeGreaterThan(0);
        expect(run.usdPer1000Runs).toBeCloseTo(run.usd.total * 1000, 9);
      }
      expect(typical.usd.total).toBeLessThanOrEqual(typicalWithoutHistory.usd.total);
      expect(typicalWithoutHistory.usd.total).toBeLessThanOrEqual(worstCase.usd.total);
    }
  });

  it('agrees with the cost model the bench uses, to the cent fraction, for a configured flow', async () => {
    // Prepare
    const config = loadConfig();
    const expected = await costPerRun(config.flows['demo-load']!, await definitionFor(config), { typicalRuntimeSeconds: 1800 });
    // Act
    const result = await runCli(['cost', 'demo-load', '--runtime', '30m', '--json']);
    // Assess
    const [flow] = (JSON.parse(result.stdout) as { flows: FlowCostJson[] }).flows;
    expect(flow?.typical.usd.total).toBeCloseTo(expected.typical.usd.total, 12);
    expect(flow?.typicalWithoutHistory.transitions).toBe(expected.typicalWithoutHistory.transitions);
    expect(flow?.worstCase.statusCalls).toBe(expected.worstCase.statusCalls);
  });

  it('prices one named flow only, with a runtime past its max duration flagged', async () => {
    // Act
    const result = await runCli(['cost', 'sleep-split', '--runtime', '1h']);

    // Assess
    expect(result.code).toBe(0);
    const rows = result.stdout.split('\n').filter((line) => FLOWS.some((flow) => line.startsWith(`${flow} `)));
    expect(rows.map((row) => row.split(' ')[0])).toEqual(['sleep-split', 'sleep-split', 'sleep-split']);
    // A runtime past the max duration is cut there: no row shows a longer runtime beside a smaller cost.
    expect(rows.map((row) => /(\S+ \(TIMED_OUT\)|\s1h\s)/.exec(row)?.[1])).toEqual(['15m (TIMED_OUT)', '15m (TIMED_OUT)', '15m (TIMED_OUT)']);
    expect(result.stdout).toContain('Runtime at or past the max duration of sleep-split: its typical runs end TIMED_OUT at the max duration too. The learned-history\n');
    expect(result.stdout).not.toContain('* assumed');
  });

  it('exits 1 with one line naming the known flows for an unknown flow', async () => {
    // Act
    const result = await runCli(['cost', 'no-such-flow']);

    // Assess
    expect(result).toEqual({ code: 1, stdout: '', stderr: `dwq: unknown flow 'no-such-flow' (known: ${FLOWS.join(', ')})\n` });
  });

  it('exits 1 naming the option for a runtime that is not a duration', async () => {
    // Act
    const result = await runCli(['cost', '--runtime', 'soon']);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("option '--runtime <duration>' argument 'soon' is invalid. must be a duration such as 45s, 20m, 2h or 1d");
  });
});
