import { describe, expect, it } from 'vitest';
import { emulatorSetupFrom, flowsWith, parseFault } from '../../../local/emulator/emulator-setup.ts';

const FLOW_IDS = { 'demo-load': '2932ca30-8871-48b1-8e9b-90b744020b68' };

describe('Function: parseFault', () => {
  it.each([
    ['status:503x3@demo-load', { on: 'status', times: 3, flowId: FLOW_IDS['demo-load'], type: 'http-status', status: 503 }],
    ['execute:reject', { on: 'execute', type: 'reject', status: 400, body: 'Bad Request' }],
    ['any:delay1500x2', { on: 'any', times: 2, type: 'delay', ms: 1500 }],
    ['status:vanish@2932ca30-8871-48b1-8e9b-90b744020b68', { on: 'status', flowId: FLOW_IDS['demo-load'], type: 'vanish' }],
  ])('reads %s', (spec, fault) => {
    // Act
    const parsed = parseFault(spec, FLOW_IDS, '--fault');

    // Assess
    expect(parsed).toEqual(fault);
  });

  it('names the flows it knows when the flow is unknown', () => {
    // Act
    const act = () => parseFault('status:503@nightly', FLOW_IDS, 'emulator.faults[0]');

    // Assess
    expect(act).toThrow("emulator.faults[0]: no flow 'nightly' in the config (known: demo-load)");
  });

  it('lists the faults it knows for an unknown one', () => {
    // Act
    const act = () => parseFault('status:teapot', FLOW_IDS, '--fault');

    // Assess
    expect(act).toThrow("--fault: unknown fault 'teapot'; use 429, 500, 502, 503, 504, html, malformed, reject, vanish, then-502 or delay<ms>");
  });
});

describe('Function: emulatorSetupFrom', () => {
  it('adds a config flow to the catalogue, replacing one with the same id', () => {
    // Prepare
    const section = { flows: [{ flowId: FLOW_IDS['demo-load'], name: 'Demo', outcome: 'ERROR', steps: [{ name: 'Only', seconds: 1 }], error: 'boom' }], demo: ['demo-load'] };

    // Act
    const setup = emulatorSetupFrom(section, FLOW_IDS);
    const flows = flowsWith(setup);

    // Assess
    expect(flows.filter((flow) => flow.flowId === FLOW_IDS['demo-load'])).toEqual([{ flowId: FLOW_IDS['demo-load'], name: 'Demo', outcome: 'ERROR', steps: [{ name: 'Only', seconds: 1 }], error: 'boom' }]);
    expect(setup.demo).toEqual(['demo-load']);
  });

  it('refuses an unknown key and an outcome the emulator cannot play', () => {
    // Act
    const unknownKey = () => emulatorSetupFrom({ fault: [] }, FLOW_IDS);
    const badOutcome = () => emulatorSetupFrom({ flows: ['2932ca30-8871-48b1-8e9b-90b744020b68:LOST:5'] }, FLOW_IDS);

    // Assess
    expect(unknownKey).toThrow('emulator.fault: unknown key (emulator takes flows, faults and demo)');
    expect(badOutcome).toThrow('emulator.flows[0].outcome: must be one of COMPLETED, ERROR, CANCELLED');
  });
});
