/**
 * GSM 03.38 (GSM-7) for SMS bodies. Only the basic table is used: the extension table
 * (`{}[]~\|^€` and form feed) costs two septets per character and some handsets show it wrongly,
 * so those characters are replaced too. A text that passes `isGsm7` is sent as GSM-7, 160
 * characters per SMS; one character outside it turns the whole SMS into UCS-2 (70 characters).
 */
import { PLAIN_SPELLINGS, transliterate } from './text.ts';

const BASIC_TABLE =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

const BASIC = new Set(Array.from(BASIC_TABLE));

function inBasicTable(char: string): boolean {
  return BASIC.has(char);
}

/** True when every character is in the GSM-7 basic table (no extension characters). */
export function isGsm7(text: string): boolean {
  return Array.from(text).every(inBasicTable);
}

/**
 * The text in the GSM-7 basic table: accents stripped (é→e, ñ→n), brackets as parentheses,
 * `€` as EUR, smart quotes and dashes as their plain forms, anything else (CJK, Arabic, emoji) '?'.
 * One character in, one or more out: cut to length after converting, not before.
 */
export function toGsm7(text: string): string {
  return transliterate(text, inBasicTable, PLAIN_SPELLINGS);
}
