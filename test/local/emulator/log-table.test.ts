import { describe, expect, it } from 'vitest';
import { renderLogTable } from '../../../local/emulator/log-table.ts';
import type { JobStatus } from '../../../shared/dataworq/types.ts';
import { seedJobStatusResponse } from '../../fixtures/seed-responses.ts';

const seedLog = (JSON.parse(seedJobStatusResponse) as JobStatus).log ?? '';

describe('Function: renderLogTable', () => {
  it("draws the seed's Job Execution Details table character for character", () => {
    // Act
    const table = renderLogTable('Job Execution Details', ['NAME', 'VALUE'], [
      ['Job Name', 'Sleep6Split_default'],
      ['Execution Id', '54d9d784-e574-4160-9f44-6fb95317fecb'],
    ]);

    // Assess
    expect(seedLog).toContain(table);
  });

  it("draws the seed's Execution Details table character for character", () => {
    // Act
    const table = renderLogTable('Execution Details', ['NAME', 'VALUE'], [
      ['Flow Id', 'f21bf040-c22b-454e-8561-2115e90aaa55'],
      ['Flow Name', 'C:/Temp/Sleep6Split.flx'],
      ['Type', 'RUNPROFILE'],
      ['RUNITEM', 'default'],
    ]);

    // Assess
    expect(seedLog).toContain(table);
  });

  it('widens the last column when the title is wider than the cells', () => {
    // Act
    const table = renderLogTable('A rather long title for two columns', ['N', 'V'], [['a', 'b']]);

    // Assess
    const widths = new Set(table.split('\r\n').filter(Boolean).map((line) => line.length));
    expect(widths).toEqual(new Set([41]));
  });
});
