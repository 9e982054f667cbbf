import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runEmulatorCli } from '../../../local/emulator/main.ts';
import { ValidationError } from '../../../shared/errors.ts';
import { connectorCall } from './support/raw-calls.ts';

const MAIN = fileURLToPath(new URL('../../../local/emulator/main.ts', import.meta.url));

describe('Function: runEmulatorCli', () => {
  it('prints the URL and serves with the keys it was given', async () => {
    // Prepare
    const lines: string[] = [];
    const keys = { apiKey: 'DATAWORQ-cli-key', userApiKey: 'cli-user-key' };

    // Act
    const emulator = await runEmulatorCli(
      ['--port', '0', '--speed', '10', '--api-key', keys.apiKey, '--user-api-key', keys.userApiKey, '--quiet'],
      { print: (line) => lines.push(line), handleSignals: false },
    );
    const answer = await connectorCall(emulator.url, keys, '/api/v1/jobs').finally(() => emulator.close());

    // Assess
    expect(lines[0]).toBe(`DataWORQ emulator listening on ${emulator.url} (speed 10x)`);
    expect(lines.join('\n')).not.toContain(keys.apiKey);
    expect(lines.join('\n')).toContain('flow demo-load: 2932ca30-8871-48b1-8e9b-90b744020b68');
    expect(answer.status).toBe(200);
  });

  it('generates keys when none are given and prints them once', async () => {
    // Prepare
    const lines: string[] = [];

    // Act
    const emulator = await runEmulatorCli(['--port', '0', '--quiet'], { print: (line) => lines.push(line), handleSignals: false });
    await emulator.close();

    // Assess
    const keyLines = lines.filter((line) => line.startsWith('keys for this session:'));
    expect(keyLines).toHaveLength(1);
    expect(keyLines[0]).toMatch(/^keys for this session: apiKey=DATAWORQ-[0-9a-f]{32} user-api-key=[0-9a-f]{32}$/);
  });

  it('refuses a speed that is not a positive number', async () => {
    // Act
    const start = runEmulatorCli(['--port', '0', '--speed', '0'], { print: () => undefined, handleSignals: false });

    // Assess
    await expect(start).rejects.toThrow(new ValidationError('--speed must be a number > 0, got 0'));
  });

  it('closes cleanly on Ctrl-C when run on its own', async () => {
    // Prepare
    const child = spawn(process.execPath, [MAIN, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    while (!output.includes('listening on')) await once(child.stdout, 'data');

    // Act
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];

    // Assess
    expect(code).toBe(0);
    expect(output).toContain('DataWORQ emulator stopped');
  });
});
