import { describe, expect, it } from 'vitest';
import { formatAlertForConsole } from '../../../shared/alerts/console-alert.ts';
import { formatAlert } from '../../../shared/alerts/format-alert.ts';
import { erroredInput } from './notify-inputs.ts';

describe('Function: formatAlertForConsole', () => {
  it('shows outcome, subject and SMS line, then the email body indented', () => {
    // Prepare
    const alert = formatAlert(erroredInput());

    // Act
    const block = formatAlertForConsole(alert);

    // Assess
    const lines = block.split('\n');
    expect(lines[1]).toBe('ALERT ERROR (critical) flow=demo-load');
    expect(lines[2]).toBe('Subject: [DataWORQ] ERROR: demo-load (job 2956fdae)');
    expect(lines[3]).toBe('SMS:     DataWORQ demo-load ERROR 02:14Z: ORA-12541: TNS:no listener (job 2956fdae)');
    expect(lines[4]).toBe('Email:');
    expect(lines[5]).toBe('    DataWORQ flow demo-load: ERROR (job 2956fdae-73f8-45ec-a999-bf3514020472), at 2021-05-20 02:14:20 UTC.');
    expect(block).toContain('\n    DataWORQ error:\n      ORA-12541: TNS:no listener\n');
    expect(lines.at(-1)).toBe(lines[0]);
  });
});
