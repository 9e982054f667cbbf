import { describe, expect, it } from 'vitest';
import { baselineRunCost } from '../../../bench/baseline-cost.ts';
import { costPerRun, ourRunCost, ourTransitions } from '../../../shared/cost/cost-model.ts';
import { PRICES } from '../../../shared/cost/prices.ts';
import { runFlowDefinition } from '../../helpers/run-harness.ts';

const run = { runtimeSeconds: 600, statusCalls: 10, listCalls: 1, totalCalls: 13, checkInvocations: 10, checkSeconds: 3, lagSeconds: 2, runOutcome: 'COMPLETED' };

describe('Function: baselineRunCost', () => {
  it('charges Step Functions per transition and Lambda per request and GB-second', () => {
    // Act
    const cost = baselineRunCost(run);
    // Assess
    expect(cost.transitions).toBe(32);
    expect(cost.lambdaRequests).toBe(12);
    expect(cost.usd.stepFunctions).toBeCloseTo(32 * PRICES.stepFunctionsPerTransition, 12);
    expect(cost.usd.total).toBeCloseTo(cost.usd.stepFunctions + cost.usd.lambda, 12);
    expect(cost.lambdaGbSeconds).toBeGreaterThan(0);
  });

  it('skips Get Final Job Status when the job failed', () => {
    expect(baselineRunCost({ ...run, runOutcome: 'ERROR' }).lambdaRequests).toBe(11);
  });
});

describe('Function: costPerRun', () => {
  it('prices a typical run below a first run without history and below a run to the max duration', async () => {
    // Prepare
    const definition = runFlowDefinition();
    // Act
    const cost = await costPerRun({ name: 'nightly-load', maxDurationSeconds: 4 * 3600 }, definition, { typicalRuntimeSeconds: 3600 });
    // Assess
    expect(cost.typicalRuntimeAssumed).toBe(false);
    expect(cost.typical.usd.total).toBeLessThan(cost.typicalWithoutHistory.usd.total);
    expect(cost.typical.usd.total).toBeLessThan(cost.worstCase.usd.total);
    expect(cost.typical.transitions).toBeGreaterThan(ourTransitions(definition, 0));
  });

  it('assumes a quarter of the max duration as the typical runtime, and says so', async () => {
    const cost = await costPerRun({ name: 'quarter', maxDurationSeconds: 3600 }, runFlowDefinition());
    expect(cost.typicalRuntimeSeconds).toBe(900);
    expect(cost.typicalRuntimeAssumed).toBe(true);
  });
});

describe('Function: ourTransitions', () => {
  it('prices the deployed RunFlow definition at three transitions per check plus Submit, Finished?, Notify, Retry? and Done', () => {
    // Prepare: the definition CDK synthesizes from the shipped config (once per file).
    const definition = runFlowDefinition();
    // Act / Assess
    expect(ourTransitions(definition, 1)).toBe(2 + 3 + 3);
    expect(ourTransitions(definition, 20)).toBe(2 + 60 + 3);
  });
});

describe('Function: ourRunCost', () => {
  it('bills the Check Lambda for its in-process waits, and transitions only per Check invocation', () => {
    // Prepare
    const definition = runFlowDefinition();
    // Act
    const onePass = ourRunCost(definition, { ...run, checkInvocations: 1, checkSeconds: 120 });
    const roundTrips = ourRunCost(definition, { ...run, checkInvocations: 10, checkSeconds: 3 });
    // Assess
    expect(onePass.transitions).toBe(ourTransitions(definition, 1));
    expect(onePass.lambdaRequests).toBe(3);
    expect(onePass.lambdaGbSeconds).toBeGreaterThan(120 * (128 / 1024));
    expect(onePass.usd.total).toBeLessThan(roundTrips.usd.total);
  });
});
