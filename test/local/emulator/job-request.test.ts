import { describe, expect, it } from 'vitest';
import { EMULATOR_CATALOGUE } from '../../../local/emulator/catalogue.ts';
import { TEST_KEYS } from '../../shared/dataworq/support/test-keys.ts';
import { connectorCall } from './support/raw-calls.ts';
import { useEmulator } from './support/emulator-kit.ts';

// A flow that declares no parameters: only the emulator's own JobRequest checks can refuse.
const SLEEP = EMULATOR_CATALOGUE['sleep-split'].flowId;

const refused: [string, Record<string, unknown>, string][] = [
  ['a string notificationEnabled', { notificationEnabled: 'yes' }, 'notificationEnabled must be a boolean'],
  ['a numeric runProfileName', { runProfileName: 7 }, 'runProfileName must be a string'],
  ['parameters as an object', { parameters: { ROWS: 1 } }, 'parameters must be an array'],
  ['a parameter that is not an object', { parameters: ['ROWS=1'] }, 'parameters[0] must be { name, type, value }'],
  ['a parameter without a name', { parameters: [{ type: 'string', value: 'x' }] }, 'parameters[0].name must be a non-empty string'],
  ['the unsupported type boolean', { parameters: [{ name: 'FLAG', type: 'boolean', value: true }] }, 'parameter FLAG: type must be string, integer or float'],
  ['a number as a string', { parameters: [{ name: 'TABLENAME', type: 'string', value: 5 }] }, 'parameter TABLENAME: value is not a valid string'],
  ['1.5 as an integer', { parameters: [{ name: 'ROWS', type: 'integer', value: 1.5 }] }, 'parameter ROWS: value is not a valid integer'],
  ['2**60 as an integer', { parameters: [{ name: 'ROWS', type: 'integer', value: 2 ** 60 }] }, 'parameter ROWS: value is not a valid integer'],
  ['a numeric string as a float', { parameters: [{ name: 'RATIO', type: 'float', value: '0.5' }] }, 'parameter RATIO: value is not a valid float'],
  [
    'a duplicate name',
    {
      parameters: [
        { name: 'ROWS', type: 'integer', value: 1 },
        { name: 'ROWS', type: 'integer', value: 2 },
      ],
    },
    'parameter ROWS is given more than once',
  ],
];

describe('Function: startEmulator (JobRequest checks)', () => {
  const fixture = useEmulator();

  it.each(refused)('answers 400 and starts nothing for %s', async (_case, fields, reason) => {
    // Act
    const answer = await connectorCall(fixture.emulator.url, TEST_KEYS, '/api/v1/jobs', {
      body: { flowId: SLEEP, runProfileName: 'default', notificationEnabled: false, parameters: [], ...fields },
    });

    // Assess
    expect(answer).toMatchObject({ status: 400, text: `Bad Request: ${reason}` });
    expect(fixture.emulator.jobs()).toEqual([]);
  });

  it('starts a job for the three supported types with valid values', async () => {
    // Prepare
    const parameters = [
      { name: 'TABLENAME', type: 'string', value: 'DEMO_TABLE' },
      { name: 'ROWS', type: 'integer', value: Number.MAX_SAFE_INTEGER },
      { name: 'THRESHOLD', type: 'float', value: -0.25 },
    ];

    // Act
    const answer = await connectorCall(fixture.emulator.url, TEST_KEYS, '/api/v1/jobs', {
      body: { flowId: SLEEP, runProfileName: 'default', notificationEnabled: true, parameters },
    });

    // Assess
    expect(answer.status).toBe(200);
    expect(fixture.emulator.jobs()).toHaveLength(1);
  });
});
