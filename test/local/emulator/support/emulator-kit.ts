/**
 * For a describe block that calls one emulator: started with the test keys before its tests,
 * reset before each test so no job or fault leaks into the next, closed after them all. Read
 * `emulator` from a test (or a later hook), once the emulator is up.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startEmulator } from '../../../../local/emulator/server.ts';
import type { EmulatorHandle } from '../../../../local/emulator/types.ts';
import { TEST_KEYS } from '../../../shared/dataworq/support/test-keys.ts';

export function useEmulator(): { readonly emulator: EmulatorHandle } {
  let running: EmulatorHandle | undefined;
  beforeAll(async () => {
    running = await startEmulator({ keys: TEST_KEYS, quiet: true });
  });
  afterAll(() => running?.close());
  beforeEach(() => running?.reset());
  return {
    get emulator() {
      if (running === undefined) throw new Error('useEmulator: the emulator is up once beforeAll ran');
      return running;
    },
  };
}
