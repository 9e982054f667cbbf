/** What the Secrets Manager tests share: a stubbed client and a clock they can stop, both undone after each test. */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, vi } from 'vitest';

/** Registers, for the enclosing describe, the undoing of every stub and of the stopped clock after each test. */
export function restoreSecretsManagerAfterEach(): void {
  afterEach(() => {
    vi.useRealTimers();
    mockClient(SecretsManagerClient).restore();
  });
}

/** Stops `Date` at a fixed instant, so a test can move it past a cache's maxAge. */
export function stopDateAt(iso = '2026-03-01T02:00:00Z'): void {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(iso) });
}
