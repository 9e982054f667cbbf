import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../shared/config/config-error.ts';
import { parseConfig } from '../../../shared/config/load.ts';

const flowWith = (schedule: string) => `
flows:
  nightly-load:
    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68
    schedules:
      - { name: nightly, expression: cron(30 1 * * ? *)${schedule} }
`;

describe('Config: schedule catchUp and catchUpWindow', () => {
  it('defaults to no catch-up inside a 24h window', () => {
    // Act
    const schedule = parseConfig(flowWith('')).flows['nightly-load']?.schedules[0];

    // Assess
    expect(schedule).toMatchObject({ catchUp: 'none', catchUpWindowSeconds: 86_400 });
  });

  it('reads the policy and the window as a duration', () => {
    // Act
    const schedule = parseConfig(flowWith(', catchUp: latest, catchUpWindow: 6h')).flows['nightly-load']?.schedules[0];

    // Assess
    expect(schedule).toMatchObject({ catchUp: 'latest', catchUpWindowSeconds: 21_600 });
  });

  it('refuses an unknown policy, naming its path', () => {
    // Act
    const parsing = () => parseConfig(flowWith(', catchUp: everything'));

    // Assess
    expect(parsing).toThrow(ConfigError);
    expect(parsing).toThrow(/flows\.nightly-load\.schedules\[0\]\.catchUp/);
  });
});
