/**
 * Text shaping shared by the alert renderers: transliteration to a restricted alphabet, cutting
 * with "...", and cleaning text that came from DataWORQ or from a caller before it reaches a
 * subject line, an SMS or an email.
 */

const ELLIPSIS = '...';
const SPACE = /^[\s\p{Zs}]+$/u;
// Built on first use: constructing a Segmenter costs milliseconds of every cold start.
let graphemes: Intl.Segmenter | undefined;

/** Letters and punctuation that have no accent to strip but a well-known plain spelling. */
export const PLAIN_SPELLINGS: Readonly<Record<string, string>> = {
  ß: 'ss', Æ: 'AE', æ: 'ae', Ø: 'O', ø: 'o', Œ: 'OE', œ: 'oe', Ł: 'L', ł: 'l', Đ: 'D', đ: 'd',
  Þ: 'Th', þ: 'th', ı: 'i', '‘': "'", '’': "'", '‚': "'", '`': "'", '´': "'", '“': '"', '”': '"',
  '„': '"', '«': '"', '»': '"', '–': '-', '—': '-', '‐': '-', '−': '-', '…': '...', '€': 'EUR',
  '•': '*', '·': '.', '×': 'x', '{': '(', '}': ')', '[': '(', ']': ')', '~': '-', '\\': '/',
  '|': '/',
};

/**
 * Rewrites `text` so every character passes `allowed`, one user-visible character (grapheme) at
 * a time: accents are stripped where the bare letter is allowed (é→e), known symbols get their
 * plain spelling, whitespace becomes a space, and anything else (a CJK character, an emoji with
 * its skin tone and joiners) becomes a single '?'.
 */
export function transliterate(
  text: string,
  allowed: (char: string) => boolean,
  spellings: Readonly<Record<string, string>>,
): string {
  let out = '';
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  for (const { segment } of graphemes.segment(text)) {
    out += transliterateGrapheme(segment, allowed, spellings);
  }
  return out;
}

function transliterateGrapheme(
  grapheme: string,
  allowed: (char: string) => boolean,
  spellings: Readonly<Record<string, string>>,
): string {
  // Stripping first (even for é, which GSM-7 has) keeps accented letters uniform in one text;
  // the compatibility form also turns full-width and styled forms (：, ﬁ, ²) into plain ones.
  const bare = grapheme.normalize('NFKD').replace(/[\p{M}\p{Cf}]/gu, '');
  if (bare === '') return '';
  if (Array.from(bare).every(allowed)) return bare;
  const spelled = spellings[bare] ?? spellings[grapheme];
  if (spelled !== undefined && Array.from(spelled).every(allowed)) return spelled;
  if (SPACE.test(grapheme)) return ' ';
  return '?';
}

/**
 * A cheap first cut of possibly huge input (a whole stack trace, a megabyte of log), so the
 * per-character work after it stays small; the "..." survives to show something was dropped.
 */
export function head(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}${ELLIPSIS}`;
}

/** One line: every run of whitespace (newlines included) becomes one space. */
export function oneLine(text: string): string {
  return text.replace(/[\s\p{Zs}]+/gu, ' ').trim();
}

/** Cuts to at most `max` characters (code points), ending with "..." when something was cut. */
export function cut(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  return chars.slice(0, max - ELLIPSIS.length).join('').trimEnd() + ELLIPSIS;
}

/** Multi-line text safe for a plain-text email: `\r\n` normalised, control characters dropped. */
export function cleanMultiline(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** Utf-8 size, the unit SNS and mail clients count in. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * The last lines of a log, at most `maxLines` lines and `maxBytes` bytes; a single line longer
 * than the budget keeps its end, where Java-style loggers put the message. `complete` is false
 * when anything was left out.
 */
export function logTail(log: string, maxLines: number, maxBytes: number): { lines: string[]; complete: boolean } {
  const recent = log.length > maxBytes * 4 ? log.slice(-maxBytes * 4) : log;
  const all = cleanMultiline(recent).replace(/\n+$/, '').split('\n');
  const candidates = all.slice(-maxLines);
  const lines: string[] = [];
  let bytes = 0;
  for (let index = candidates.length - 1; index >= 0; index -= 1) {
    const line = candidates[index] ?? '';
    const size = byteLength(line) + 1;
    if (bytes + size > maxBytes) {
      if (lines.length === 0) lines.unshift(ELLIPSIS + tailByBytes(line, maxBytes - ELLIPSIS.length - 1));
      break;
    }
    lines.unshift(line);
    bytes += size;
  }
  const complete = recent === log && lines.length === all.length && lines[0] === all[0];
  return { lines, complete };
}

function tailByBytes(text: string, maxBytes: number): string {
  const chars = Array.from(text);
  let bytes = 0;
  let start = chars.length;
  while (start > 0 && bytes + byteLength(chars[start - 1] ?? '') <= maxBytes) {
    start -= 1;
    bytes += byteLength(chars[start] ?? '');
  }
  return chars.slice(start).join('');
}

function isPrintableAscii(char: string): boolean {
  const code = char.charCodeAt(0);
  return char.length === 1 && code >= 0x20 && code <= 0x7e;
}

/** Printable ASCII only (what SNS accepts in a subject): accents stripped, the rest '?'. */
export function toAscii(text: string): string {
  return transliterate(text, isPrintableAscii, PLAIN_SPELLINGS);
}
