import { describe, expect, it } from 'vitest';
import { formatAlert } from '../../../shared/alerts/format-alert.ts';
import { isGsm7 } from '../../../shared/alerts/gsm7.ts';
import { erroredInput, submitFailedInput } from './notify-inputs.ts';

const FLOW_40 = 'emea-retail-demand-forecast-nightly-load';
const FLOW_70 = 'emea-retail-demand-forecast-nightly-load-with-weather-and-promotions-v2';
const ERROR_5KB = `ORA-01555: snapshot too old: rollback segment number 12 too small\n${'\tat oracle.jdbc.driver.T4CTTIoer11.processError(T4CTTIoer11.java:494)\n'.repeat(75)}`;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

const hostileCases = [
  { label: 'a 40-character flow name', input: erroredInput(undefined, { name: FLOW_40 }) },
  { label: 'a 70-character flow name', input: erroredInput(undefined, { name: FLOW_70 }) },
  { label: 'a 5 KB error', input: erroredInput(ERROR_5KB) },
  { label: 'an error in Chinese', input: erroredInput('数据库连接失败：无法访问主机 db01，请检查网络设置后重试') },
  { label: 'an error in Arabic', input: erroredInput('فشل الاتصال بقاعدة البيانات. يرجى التحقق من الشبكة') },
  { label: 'an error with emoji', input: erroredInput('🔥 pipeline exploded 💥 call 🚒') },
  { label: 'an error in accented Latin', input: erroredInput('Échec de la connexion à la base «VENTES» — réessayez à 02h00') },
  { label: 'an error with GSM extension characters', input: erroredInput('{"code":[17002]} ~/jobs\\load|x ^ €100') },
  { label: 'a long non-ASCII flow name and a 5 KB error', input: erroredInput(ERROR_5KB, { name: `prévisions-données-${'数据'.repeat(20)}` }) },
  { label: 'a failed submit without a job', input: submitFailedInput },
];

describe('Function: formatAlert (SMS and subject limits)', () => {
  it('produces the documented SMS line and subject for a plain ERROR', () => {
    // Act
    const alert = formatAlert(erroredInput());

    // Assess
    expect(alert.bodies.sms).toBe('DataWORQ demo-load ERROR 02:14Z: ORA-12541: TNS:no listener (job 2956fdae)');
    expect(alert.subject).toBe('[DataWORQ] ERROR: demo-load (job 2956fdae)');
  });

  it.each(hostileCases)('keeps the SMS to one GSM-7 line of at most 160 characters with $label', ({ input }) => {
    // Act
    const { sms } = formatAlert(input).bodies;

    // Assess
    expect(sms.length).toBeLessThanOrEqual(160);
    expect(isGsm7(sms)).toBe(true);
    expect(sms).not.toMatch(/[\r\n]/);
  });

  it.each(hostileCases)('keeps the subject ASCII, one line and under 100 characters with $label', ({ input }) => {
    // Act
    const { subject } = formatAlert(input, { streak: { failures: 12, since: '2021-05-12T02:14:00.000Z' } });

    // Assess
    expect(subject.length).toBeLessThan(100);
    expect(subject).toMatch(PRINTABLE_ASCII);
    expect(subject.startsWith('[DataWORQ] ERROR: ') || subject.startsWith('[DataWORQ] SUBMIT_FAILED: ')).toBe(true);
  });

  it('keeps a 40-character flow name whole in the SMS', () => {
    // Act
    const { sms } = formatAlert(erroredInput(undefined, { name: FLOW_40 })).bodies;

    // Assess
    expect(sms).toBe(`DataWORQ ${FLOW_40} ERROR 02:14Z: ORA-12541: TNS:no listener (job 2956fdae)`);
  });

  it('cuts a longer flow name with "..." and still ends the SMS with the job id', () => {
    // Act
    const { sms } = formatAlert(erroredInput(ERROR_5KB, { name: FLOW_70 })).bodies;

    // Assess
    expect(sms).toMatch(/^DataWORQ emea-retail-demand-forecast-nightly-\S*\.\.\. ERROR 02:14Z: ORA-01555: snapshot too old/);
    expect(sms).toMatch(/\.\.\. \(job 2956fdae\)$/);
    expect(sms.length).toBe(160);
  });

  it('transliterates accented errors instead of replacing them', () => {
    // Act
    const alert = formatAlert(erroredInput('Échec de la connexion à la base «VENTES»'));

    // Assess
    expect(alert.bodies.sms).toContain('Echec de la connexion a la base "VENTES"');
    expect(alert.bodies.email).toContain('Échec de la connexion à la base «VENTES»');
  });

  it('keeps the streak in the SMS and cuts the error to make room for it', () => {
    // Act
    const { sms } = formatAlert(erroredInput(ERROR_5KB), { streak: { failures: 3, since: '2021-05-18T02:14:00.000Z' } }).bodies;

    // Assess
    expect(sms).toMatch(/^DataWORQ demo-load ERROR 02:14Z, failing 3 times since 05-18 02:14Z: ORA-01555/);
    expect(sms.length).toBeLessThanOrEqual(160);
  });

  it('leaves the job id out of the SMS and subject when no job was started', () => {
    // Act
    const alert = formatAlert(submitFailedInput);

    // Assess
    expect(alert.subject).toBe('[DataWORQ] SUBMIT_FAILED: demo-load');
    expect(alert.bodies.sms).toBe(
      'DataWORQ demo-load SUBMIT_FAILED 16:01Z: DataWORQ refused the execute request (HTTP 400): Bad Request or Server error',
    );
  });
});
