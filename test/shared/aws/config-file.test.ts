/** A Lambda's config.json: the Submit and Notify reader reads it once and takes only the config the stack wrote. */
import { describe, expect, it } from 'vitest';
import { scheduleConfigReader } from '../../../shared/aws/config-file.ts';
import { scheduleConfigOf } from '../../../shared/config/config-subsets.ts';
import { parseConfig } from '../../../shared/config/load.ts';

const carried = scheduleConfigOf(parseConfig(`
flows:
  nightly-load:
    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68
    schedules:
      - { name: nightly, expression: cron(0 2 * * ? *) }
`, 'config file test'));

describe('Function: scheduleConfigReader', () => {
  it('reads the config file once, whatever the number of runs', () => {
    // Prepare
    let reads = 0;
    const read = scheduleConfigReader(() => {
      reads += 1;
      return { config: carried };
    });

    // Act
    read();
    const second = read();

    // Assess
    expect(second).toBe(carried);
    expect(reads).toBe(1);
  });

  it('gives no config for a missing file or one that is not the validated config the stack writes', () => {
    expect(scheduleConfigReader(() => undefined)()).toBeUndefined();
    expect(scheduleConfigReader(() => ({ config: { flows: { a: {} } } }))()).toBeUndefined();
  });
});
