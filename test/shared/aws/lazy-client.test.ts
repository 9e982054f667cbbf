import { describe, expect, it } from 'vitest';
import { lazyClient } from '../../../shared/aws/lazy-client.ts';

describe('Function: lazyClient', () => {
  it('loads the module and creates the client only on first use, then once', async () => {
    // Prepare
    let loads = 0;
    let creations = 0;
    const lazy = lazyClient(
      async () => {
        loads += 1;
        return { Client: class {} };
      },
      (sdk) => {
        creations += 1;
        return new sdk.Client();
      },
    );
    expect(loads).toBe(0);

    // Act
    const [first, second] = await Promise.all([lazy.client(), lazy.client()]);
    const third = await lazy.client();

    // Assess
    expect(first).toBe(second);
    expect(third).toBe(first);
    expect(creations).toBe(1);
  });
});
