import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli-kit.ts';

const DWQ = fileURLToPath(new URL('../../../local/cli/dwq.ts', import.meta.url));

describe('Command: dwq', () => {
  it('lists every command in --help and exits 0, as the installed bin', () => {
    // Act
    const result = spawnSync(process.execPath, [DWQ, '--help'], { encoding: 'utf8' });

    // Assess
    expect(result.status).toBe(0);
    for (const command of ['start', 'run', 'status', 'jobs', 'next', 'schedules', 'validate', 'sign', 'emulator']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
  });

  it('documents the exit codes in the help of the commands that exit by outcome', async () => {
    // Act
    const help = await runCli(['run', '--help']);

    // Assess
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('0  COMPLETED or SKIPPED');
    expect(help.stdout).toContain('2  ERROR      3  CANCELLED      4  TIMED_OUT      5  SUBMIT_FAILED      6  LOST');
  });

  it('exits 1 with a short message for an unknown command or option', async () => {
    // Act
    const command = await runCli(['frobnicate']);
    const option = await runCli(['next', 'rate(1 hour)', '--frequency', '3']);

    // Assess
    expect(command.code).toBe(1);
    expect(command.stderr).toBe("error: unknown command 'frobnicate'\n(add --help for usage)\n");
    expect(option.code).toBe(1);
    expect(option.stderr).toContain("error: unknown option '--frequency'");
  });
});

describe('Command: dwq emulator', () => {
  it('serves until stopped and prints where', async () => {
    // Act
    const result = await runCli(['emulator', '--port', '0', '--quiet', '--api-key', 'DATAWORQ-k', '--user-api-key', 'u'], {
      stop: new Promise((resolve) => setTimeout(() => resolve('SIGINT'), 100)),
    });

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^DataWORQ emulator listening on http:\/\/127\.0\.0\.1:\d+ \(speed 1x\)\n/);
    expect(result.stdout).toContain('  flow demo-load: 2932ca30-8871-48b1-8e9b-90b744020b68 (Demo, COMPLETED)');
    expect(result.stdout.trimEnd().endsWith('DataWORQ emulator stopped')).toBe(true);
  });

  it('exits 1 for a speed the emulator refuses', async () => {
    // Act
    const result = await runCli(['emulator', '--port', '0', '--speed', '0']);

    // Assess
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'dwq: --speed must be a number > 0, got 0\n' });
  });
});
