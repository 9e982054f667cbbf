import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../shared/config/config-error.ts';
import { DEFAULT_CONFIG_PATH, parseConfig } from '../../../shared/config/load.ts';

const FLOW_ID = '2932ca30-8871-48b1-8e9b-90b744020b68';

function issuesOf(text: string): readonly string[] {
  try {
    parseConfig(text, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error('expected the config to be rejected');
}

const withSchedule = (expression: string) => `flows:\n  demo-load:\n    flowId: ${FLOW_ID}\n    schedules:\n      - { name: nightly, expression: "${expression}" }\n`;

describe('Function: parseConfig › what a new user trips over', () => {
  it('suggests the EventBridge form of a crontab line', () => {
    // Act
    const issues = issuesOf(withSchedule('0 2 * * *'));

    // Assess
    expect(issues).toEqual([
      'flows.demo-load.schedules[0].expression: expected cron(...), rate(...) or at(...); a crontab line is written cron(0 2 * * ? *) here (six fields, the year last, ? in one day field)',
    ]);
  });

  it('suggests ? in the day-of-month field for a crontab line with a weekday', () => {
    // Act
    const issues = issuesOf(withSchedule('30 6 * * MON-FRI'));

    // Assess
    expect(issues[0]).toContain('a crontab line is written cron(30 6 ? * MON-FRI *) here');
  });

  it('refuses a cron that never fires (31 February)', () => {
    // Act
    const issues = issuesOf(withSchedule('cron(0 12 31 2 ? *)'));

    // Assess
    expect(issues).toEqual([
      'flows.demo-load.schedules[0].expression: never fires: no calendar date matches its day-of-month and month fields (31 February, say); fix one of them',
    ]);
  });

  it('accepts a leap day and a schedule whose years have passed', () => {
    // Act
    const act = () => parseConfig(withSchedule('cron(0 12 29 2 ? *)') + `      - { name: old, expression: "cron(0 10 ? * 6L 2022-2023)" }\n`);

    // Assess
    expect(act).not.toThrow();
  });

  it('reports one problem for one indentation mistake in the shipped config', () => {
    // Prepare
    const text = readFileSync(DEFAULT_CONFIG_PATH, 'utf8').replace('\n    dataworqFlowName: Demo\n', '\n   dataworqFlowName: Demo\n');

    // Act
    const issues = issuesOf(text);

    // Assess
    expect(issues).toEqual([
      'line 53, column 4: YAML syntax error: All mapping items must start at the same column; check the indentation of this line against the keys beside it (later YAML errors usually follow from this one; fix it first)',
    ]);
  });

  it('says a missing flowId is missing', () => {
    // Act
    const issues = issuesOf('flows:\n  demo-load:\n    maxDuration: 1h\n');

    // Assess
    expect(issues).toEqual(['flows.demo-load.flowId: is missing: add the flow id DataWORQ shows, a UUID such as 2932ca30-8871-48b1-8e9b-90b744020b68']);
  });

  it('tells a string parameter given a list what it takes, without suggesting a number', () => {
    // Act
    const issues = issuesOf(`flows:\n  demo-load:\n    flowId: ${FLOW_ID}\n    parameters:\n      TABLENAME: { type: string, default: [A, B] }\n`);

    // Assess
    expect(issues).toEqual([
      'flows.demo-load.parameters.TABLENAME.default: must be one value (got a list): text for a string parameter, a number for an integer or float one',
    ]);
  });
});
