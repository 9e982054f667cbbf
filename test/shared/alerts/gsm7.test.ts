import { describe, expect, it } from 'vitest';
import { isGsm7, toGsm7 } from '../../../shared/alerts/gsm7.ts';

/** Texts outside the basic table: isGsm7 rejects each, and toGsm7 turns each into one it accepts. */
const NOT_GSM7 = [
  ['an extension character', 'map{key}'],
  ['the euro sign', '5 €'],
  ['a Chinese word', '连接失败'],
  ['an emoji', 'done 🎉'],
  ['a tab', 'a\tb'],
  ['accented Latin with guillemets and a dash', 'Échec de la connexion à la base «VENTES» — réessayer'],
  ['a Chinese sentence', '数据库连接失败：无法访问主机'],
  ['Arabic', 'فشل الاتصال بقاعدة البيانات'],
  ['several emoji', '🔥💥 pipeline exploded 🚒'],
  ['GSM extension characters', '{"error":[1,2]} ~/path\\to|x ^ €100'],
  ['control characters', 'a\u0000b\u0007c\u001b[31mred'],
] as const;

describe('Function: isGsm7', () => {
  it('accepts text made of the GSM-7 basic table only', () => {
    // Prepare
    const text = 'DataWORQ @ 02:14Z: £5 _x_ ÆØÅ ¿¡ § Δ ok?';

    // Act
    const result = isGsm7(text);

    // Assess
    expect(result).toBe(true);
  });

  it.each(NOT_GSM7)('rejects %s', (_label, text) => {
    // Act
    const result = isGsm7(text);

    // Assess
    expect(result).toBe(false);
  });
});

describe('Function: toGsm7', () => {
  it('strips accents from Latin letters when the text is converted', () => {
    // Act
    const result = toGsm7('Données échouées à Zürich, año, Ångström, çà');

    // Assess
    expect(result).toBe('Donnees echouees a Zurich, ano, Angstrom, ca');
  });

  it('replaces GSM extension characters with single-septet lookalikes', () => {
    // Act
    const result = toGsm7('{a} [b] ~c \\d |e ^f 5€');

    // Assess
    expect(result).toBe('(a) (b) -c /d /e ?f 5EUR');
    expect(isGsm7(result)).toBe(true);
  });

  it('replaces scripts GSM-7 cannot carry with one question mark per visible character', () => {
    // Act
    const chinese = toGsm7('连接失败');
    const arabic = toGsm7('خطأ في');
    const emoji = toGsm7('ok 🎉👍🏽 👨‍👩‍👧');

    // Assess
    expect(chinese).toBe('????');
    expect(arabic).toBe('??? ??');
    expect(emoji).toBe('ok ?? ?');
  });

  it('turns smart punctuation and odd spaces into their plain forms', () => {
    // Act
    const result = toGsm7('“quoted” ‘single’ – dash — long… a\u00a0b\tc `tick`');

    // Assess
    expect(result).toBe('"quoted" \'single\' - dash - long... a b c \'tick\'');
  });

  it.each(NOT_GSM7)('always yields GSM-7 for %s', (_label, text) => {
    // Act
    const result = toGsm7(text);

    // Assess
    expect(isGsm7(result)).toBe(true);
  });
});
