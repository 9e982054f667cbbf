import { describe, expect, it } from 'vitest';
import { connectDataworq, connectorFromEnv } from '../../../local/runtime/dataworq-connection.ts';
import { scaledClock } from '../../../local/runtime/scaled-clock.ts';
import { loadConfig } from '../../../shared/config/load.ts';
import { ValidationError } from '../../../shared/errors.ts';

const config = loadConfig();
const USER_KEY = '7262069-test-user-key-a94f';
const API_KEY = 'DATAWORQ-d213b-test-api-key-5c1e';

describe('Function: connectorFromEnv', () => {
  it('names no connector when the environment sets none, so local mode uses the emulator', () => {
    // Act
    const settings = connectorFromEnv({}, config);

    // Assess
    expect(settings).toBeUndefined();
  });

  it('takes the URL, transport and keys from the environment', () => {
    // Act
    const settings = connectorFromEnv(
      { DATAWORQ_URL: 'https://dataworq.example.com', DATAWORQ_USER_API_KEY: USER_KEY, DATAWORQ_TRANSPORT: 'native' },
      config,
    );

    // Assess
    expect(settings).toEqual({ transport: 'native', url: 'https://dataworq.example.com', keys: { apiKey: '', userApiKey: USER_KEY } });
  });

  it("falls back to the config's URL when only the keys are set", () => {
    // Act
    const settings = connectorFromEnv({ DATAWORQ_USER_API_KEY: USER_KEY, DATAWORQ_API_KEY: API_KEY }, config);

    // Assess
    expect(settings).toEqual({ transport: 'cloud-connector', url: 'https://api.quebit.com', keys: { apiKey: API_KEY, userApiKey: USER_KEY } });
  });

  it('names the missing variables of a half-configured Cloud Connector, never a value', () => {
    // Act
    const read = () => connectorFromEnv({ DATAWORQ_URL: 'https://api.quebit.com', DATAWORQ_API_KEY: API_KEY }, config);

    // Assess
    expect(read).toThrow(new ValidationError('DataWORQ connector: set DATAWORQ_USER_API_KEY in the environment (transport cloud-connector)'));
  });

  it('refuses a transport it does not know', () => {
    // Act
    const read = () => connectorFromEnv({ DATAWORQ_USER_API_KEY: USER_KEY, DATAWORQ_TRANSPORT: 'soap' }, config);

    // Assess
    expect(read).toThrow('DATAWORQ_TRANSPORT must be cloud-connector or native, got "soap"');
  });
});

describe('Function: connectDataworq', () => {
  it('starts the emulator with fresh keys when no connector is configured, and closes it', async () => {
    // Prepare
    const connection = await connectDataworq({ config, env: {}, clock: scaledClock(1) });

    // Act
    const jobs = await connection.client.listJobs('all');
    await connection.close();

    // Assess
    expect(connection.kind).toBe('emulator');
    expect(jobs).toEqual([]);
    await expect(fetch(`${connection.url}/call/status`)).rejects.toThrow();
  });
});
