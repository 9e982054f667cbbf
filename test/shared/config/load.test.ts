import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../../shared/config/config-error.ts';
import { DEFAULT_CONFIG_PATH, loadConfig, parseConfig } from '../../../shared/config/load.ts';
import { ValidationError } from '../../../shared/errors.ts';

const MINIMAL = 'flows:\n  only-flow:\n    flowId: f21bf040-c22b-454e-8561-2115e90aaa55\n';

describe('loadConfig', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'dwq-config-'));
  });

  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(directory, { recursive: true, force: true });
  });

  it('loads the shipped example with the emulator flows, whatever the working directory', () => {
    // Prepare
    vi.stubEnv('DWQ_CONFIG', '');
    const workingDirectory = process.cwd();
    process.chdir(directory);

    // Act
    let config;
    try {
      config = loadConfig();
    } finally {
      process.chdir(workingDirectory);
    }

    // Assess
    expect(Object.keys(config.flows)).toEqual(['demo-load', 'sleep-split', 'broken-export']);
    expect(config.flows['demo-load']).toMatchObject({
      flowId: '2932ca30-8871-48b1-8e9b-90b744020b68',
      dataworqFlowName: 'Demo',
      webhook: { auth: ['signature'] },
      schedules: [{ name: 'nightly', expression: 'cron(0 2 * * ? *)', timeZone: 'Europe/London' }],
    });
    expect(Object.entries(config.flows['demo-load']?.parameters ?? {}).map(([name, p]) => `${name}:${p.type}`)).toEqual([
      'SOURCEFILE:string',
      'TABLENAME:string',
      'ROWS:integer',
      'THRESHOLD:float',
    ]);
    expect(config.flows['sleep-split']).toMatchObject({ dataworqFlowName: 'Sleep6Split', webhook: { auth: ['signature', 'bearer'] } });
    expect(config.flows['sleep-split']?.schedules[0]?.expression).toBe('rate(15 minutes)');
    expect(config.flows['broken-export']).toMatchObject({ flowId: '7d4c2f9e-3b1a-4e8d-9f60-1a2b3c4d5e6f', dataworqFlowName: 'BrokenExport' });
    expect(config.subscribers.map((s) => s.protocol)).toEqual(['email', 'sms']);
    expect(config.subscribers[1]?.outcomes).not.toContain('COMPLETED');
    expect(DEFAULT_CONFIG_PATH.endsWith(join('config', 'dataworq.yaml'))).toBe(true);
  });

  it('reads the file named by DWQ_CONFIG', () => {
    // Prepare
    const path = join(directory, 'flows.yaml');
    writeFileSync(path, MINIMAL);
    vi.stubEnv('DWQ_CONFIG', path);

    // Act
    const config = loadConfig();

    // Assess
    expect(Object.keys(config.flows)).toEqual(['only-flow']);
  });

  it('names the file and the path when the file is invalid', () => {
    // Prepare
    const path = join(directory, 'bad.yaml');
    writeFileSync(path, 'flows:\n  only-flow:\n    flowId: nope\n');

    // Act
    const act = () => loadConfig(path);

    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(`${path} is not a valid DataWORQ config (1 problem):\n  - flows.only-flow.flowId: must be a UUID`);
  });

  it('says how to point at the file when it does not exist', () => {
    // Prepare
    const path = join(directory, 'missing.yaml');

    // Act
    const act = () => loadConfig(path);

    // Assess
    expect(act).toThrow(/cannot read the config file \(ENOENT\); set DWQ_CONFIG or pass a path/);
  });
});

describe('parseConfig', () => {
  it('reports a YAML syntax error with its line and column', () => {
    // Prepare
    const text = `${MINIMAL}    description: Loads: the table\n    overlap: skip\n`;

    // Act
    let caught: unknown;
    try {
      parseConfig(text, 'flows.yaml');
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ConfigError).name).toBe('ConfigError');
    expect((caught as ConfigError).issues[0]).toBe('line 4, column 18: YAML syntax error: Nested mappings are not allowed in compact mappings');
    expect((caught as ConfigError).message).toContain('flows.yaml is not a valid DataWORQ config');
  });

  it('reports a key written twice', () => {
    // Act
    const act = () => parseConfig(`${MINIMAL}    overlap: skip\n    overlap: allow\n`);

    // Assess
    expect(act).toThrow(/line 5, column 5: YAML syntax error: Map keys must be unique/);
  });

  it('rejects an empty file', () => {
    // Act
    const act = () => parseConfig('# nothing yet\n');

    // Assess
    expect(act).toThrow('(top level): the file is empty; at least one flow is required');
  });

  it('keeps the shipped example pointing at the generated JSON Schema', () => {
    // Act
    const firstLine = readFileSync(DEFAULT_CONFIG_PATH, 'utf8').split('\n')[0];

    // Assess
    expect(firstLine).toBe('# yaml-language-server: $schema=./dataworq.schema.json');
  });
});
