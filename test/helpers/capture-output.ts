/** Everything written to stdout, stderr or the console while a test runs, with Powertools logging on. */
import { vi } from 'vitest';

export function captureOutput(logLevel: 'DEBUG' | 'INFO' = 'DEBUG'): () => string {
  // The suite runs Powertools silent (vitest.config.ts); these tests are about what it writes.
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', logLevel);
  const chunks: string[] = [];
  const keep = (chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(keep);
  vi.spyOn(process.stderr, 'write').mockImplementation(keep);
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void chunks.push(args.map(String).join(' ')));
  }
  return () => chunks.join('\n');
}
