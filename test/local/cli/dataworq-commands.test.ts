import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../local/emulator/server.ts';
import type { EmulatorHandle } from '../../../local/emulator/types.ts';
import { createDataworqClient } from '../../../shared/dataworq/create-client.ts';
import { runCli } from './support/cli-kit.ts';

const KEYS = { apiKey: 'DATAWORQ-cli-test-key-5c1e', userApiKey: 'cli-test-user-key-a94f' };
const ENV = { DATAWORQ_API_KEY: KEYS.apiKey, DATAWORQ_USER_API_KEY: KEYS.userApiKey };
let emulator: EmulatorHandle;
let finishedJob: string;
let runningJob: string;

beforeAll(async () => {
  let now = Date.parse('2026-03-01T10:00:00Z');
  emulator = await startEmulator({ port: 0, keys: KEYS, quiet: true, clock: () => now });
  const client = createDataworqClient({ transport: 'cloud-connector', baseUrl: emulator.url, keys: KEYS });
  const start = (flowId: string) => client.startFlow({ flowId, runProfileName: 'default', notificationEnabled: false, parameters: [] });
  finishedJob = await start('7d4c2f9e-3b1a-4e8d-9f60-1a2b3c4d5e6f');
  now += 60_000;
  runningJob = await start('f21bf040-c22b-454e-8561-2115e90aaa55');
  now += 6_000;
});

afterAll(() => emulator.close());

describe('Command: dwq status', () => {
  it("shows one job's status, step, times and error, and exits 2 for its ERROR", async () => {
    // Act
    const result = await runCli(['status', finishedJob, '--emulator-url', emulator.url], { env: ENV });

    // Assess
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`Job:         ${finishedJob}\nFlow:        BrokenExport\nRun profile: default\nStatus:      ERROR\n`);
    expect(result.stdout).toContain('Error:       Database:Database node_7954912 failed: ORA-12541: TNS:no listener\n');
    expect(result.stdout).not.toContain('Log (last lines):');
  });

  it('prints the job as JSON, with the log trimmed to its tail', async () => {
    // Act
    const result = await runCli(['status', runningJob, '--json', '--emulator-url', emulator.url], { env: ENV });

    // Assess
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ jobId: runningJob, executionStatus: 'RUNNING', flowName: 'Sleep6Split' });
  });

  it('exits 8 when DataWORQ does not know the job', async () => {
    // Act
    const result = await runCli(['status', '00000000-0000-4000-8000-000000000000', '--emulator-url', emulator.url], { env: ENV });

    // Assess
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(/^dwq: DataWORQ: .+\n$/);
  });

  it('exits 1 and says what to set when no DataWORQ is configured', async () => {
    // Act
    const result = await runCli(['status', finishedJob]);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'dwq: no DataWORQ to ask: start local mode (`npm start`) in another shell, set DATAWORQ_URL, DATAWORQ_USER_API_KEY and DATAWORQ_API_KEY (Cloud Connector), or paste the export lines `dwq emulator` prints\n',
    );
  });

  it('never repeats a key when DataWORQ refuses it', async () => {
    // Act
    const result = await runCli(['status', finishedJob, '--emulator-url', emulator.url], { env: { ...ENV, DATAWORQ_API_KEY: 'DATAWORQ-wrong-key-0000' } });

    // Assess
    expect(result.code).toBe(8);
    expect(result.stderr).not.toContain('DATAWORQ-wrong-key-0000');
  });

  it('says to check the keys when DataWORQ refuses every call, and names an unknown job otherwise', async () => {
    // Act
    const wrongKeys = await runCli(['status', finishedJob, '--emulator-url', emulator.url], { env: { ...ENV, DATAWORQ_USER_API_KEY: 'wrong-user-key' } });
    const unknownJob = await runCli(['status', '00000000-0000-4000-8000-000000000000', '--emulator-url', emulator.url], { env: ENV });

    // Assess
    expect(wrongKeys.stderr).toBe(
      'dwq: DataWORQ refused every call (HTTP 400): check DATAWORQ_API_KEY and DATAWORQ_USER_API_KEY (and DATAWORQ_URL); they must be this DataWORQ\'s keys\n',
    );
    expect(unknownJob.stderr).not.toContain('check DATAWORQ_API_KEY');
  });

  it('exits 0 for a job that is still running', async () => {
    // Act
    const result = await runCli(['status', runningJob, '--emulator-url', emulator.url], { env: ENV });

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Status:      RUNNING\n');
  });
});

describe('Command: dwq jobs', () => {
  it('lists every job newest first as a table', async () => {
    // Act
    const result = await runCli(['jobs', '--emulator-url', emulator.url], { env: ENV });

    // Assess
    const lines = result.stdout.trimEnd().split('\n');
    expect(result.code).toBe(0);
    expect(lines[0]).toMatch(/^JOB ID\s+FLOW\s+PROFILE\s+STATUS\s+STEP\s+STARTED\s+RUNTIME$/);
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/).slice(0, 4))).toEqual([
      [runningJob, 'Sleep6Split', 'default', 'RUNNING'],
      [finishedJob, 'BrokenExport', 'default', 'ERROR'],
    ]);
  });

  it('filters active or finished jobs, and prints JSON', async () => {
    // Act
    const active = await runCli(['jobs', '--active', '--json', '--emulator-url', emulator.url], { env: ENV });
    const history = await runCli(['jobs', '--history', '--json', '--emulator-url', emulator.url], { env: ENV });

    // Assess
    expect((JSON.parse(active.stdout) as { jobId: string }[]).map((job) => job.jobId)).toEqual([runningJob]);
    expect((JSON.parse(history.stdout) as { jobId: string }[]).map((job) => job.jobId)).toEqual([finishedJob]);
  });

  it('exits 1 for --active together with --history', async () => {
    // Act
    const result = await runCli(['jobs', '--active', '--history', '--emulator-url', emulator.url], { env: ENV });

    // Assess
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'dwq: use --active or --history, not both\n' });
  });
});
