import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataworqClient } from '../../../shared/dataworq/create-client.ts';
import { parameterFromText, parameterValueProblem, validateParameters } from '../../../shared/dataworq/parameter-types.ts';
import type { ParameterType } from '../../../shared/dataworq/parameter-types.ts';
import type { FlowParameter } from '../../../shared/dataworq/types.ts';
import { ValidationError } from '../../../shared/errors.ts';
import { EMULATOR_CATALOGUE } from '../../../local/emulator/catalogue.ts';
import { startEmulator } from '../../../local/emulator/server.ts';
import type { EmulatorHandle } from '../../../local/emulator/types.ts';
import { TEST_KEYS } from './support/test-keys.ts';

const refused: [string, unknown[], RegExp][] = [
  ['NaN as a float', [{ name: 'THRESHOLD', type: 'float', value: Number.NaN }], /^parameter THRESHOLD: float value must be a finite number, got NaN$/],
  ['Infinity as a float', [{ name: 'THRESHOLD', type: 'float', value: Infinity }], /^parameter THRESHOLD: .*finite number, got Infinity$/],
  ['1.5 as an integer', [{ name: 'ROWS', type: 'integer', value: 1.5 }], /^parameter ROWS: integer value must be a safe integer, got 1.5$/],
  ['2**60 as an integer', [{ name: 'ROWS', type: 'integer', value: 2 ** 60 }], /^parameter ROWS: integer value must be a safe integer, got 1152921504606847000$/],
  ['a numeric string as an integer', [{ name: 'ROWS', type: 'integer', value: '5' }], /^parameter ROWS: .*safe integer, got a string$/],
  ['a number as a string', [{ name: 'TABLENAME', type: 'string', value: 5 }], /^parameter TABLENAME: string value must be a string, got 5$/],
  ['the unsupported type boolean', [{ name: 'FLAG', type: 'boolean', value: true }], /^parameter FLAG: unsupported type "boolean"; DataWORQ accepts string, integer, float$/],
  [
    'a duplicate name',
    [
      { name: 'ROWS', type: 'integer', value: 1 },
      { name: 'ROWS', type: 'integer', value: 2 },
    ],
    /^parameter ROWS: duplicate name/,
  ],
  ['an empty name', [{ name: ' ', type: 'string', value: 'x' }], /^parameters\[0\]: name must be a non-empty string$/],
];

describe('Function: validateParameters', () => {
  it.each(refused)('refuses %s, naming the parameter', (_case, params, message) => {
    // Act
    const act = () => validateParameters(params as FlowParameter[]);

    // Assess
    expect(act).toThrow(ValidationError);
    expect(act).toThrow(message);
  });

  it('accepts the three supported types with valid values', () => {
    // Prepare
    const params: FlowParameter[] = [
      { name: 'TABLENAME', type: 'string', value: 'DEMO_TABLE' },
      { name: 'ROWS', type: 'integer', value: Number.MAX_SAFE_INTEGER },
      { name: 'THRESHOLD', type: 'float', value: -0.25 },
    ];

    // Act
    const act = () => validateParameters(params);

    // Assess
    expect(act).not.toThrow();
  });
});

describe('Class: HttpDataworqClient (parameters)', () => {
  let emulator: EmulatorHandle;
  beforeAll(async () => {
    emulator = await startEmulator({ keys: TEST_KEYS, quiet: true });
  });
  afterAll(() => emulator.close());

  it.each(refused)('sends nothing when a parameter is %s', async (_case, params, message) => {
    // Prepare
    emulator.reset();
    const client = createDataworqClient({ transport: 'cloud-connector', baseUrl: emulator.url, keys: TEST_KEYS });

    // Act
    const start = client.startFlow({
      flowId: EMULATOR_CATALOGUE['demo-load'].flowId,
      runProfileName: 'default',
      notificationEnabled: false,
      parameters: params as FlowParameter[],
    });

    // Assess
    await expect(start).rejects.toThrow(message);
    await expect(start).rejects.toBeInstanceOf(ValidationError);
    expect(emulator.calls).toHaveLength(0);
  });
});

describe('Function: parameterFromText', () => {
  it.each<[ParameterType | undefined, string, string | number]>([
    ['integer', '500', 500],
    ['integer', '-3', -3],
    ['integer', '1.5', 1.5],
    ['float', '0.25', 0.25],
    ['float', ' ', ' '],
    ['string', '007', '007'],
    [undefined, '12', '12'],
  ])('reads %s from %j as %j', (type, text, expected) => {
    // Act
    const value = parameterFromText(type, text);

    // Assess
    expect(value).toBe(expected);
  });

  it('reads a fraction for an integer as the number, so the refusal names it', () => {
    // Act
    const problem = parameterValueProblem('integer', parameterFromText('integer', '1.5'));

    // Assess
    expect(problem).toBe('must be an integer (got the number 1.5)');
  });

  it('leaves a text the type cannot take for parameterValueProblem to refuse', () => {
    // Act
    const problem = parameterValueProblem('integer', parameterFromText('integer', 'many'));

    // Assess
    expect(problem).toBe('must be an integer (got a string)');
  });
});
