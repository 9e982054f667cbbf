/**
 * A streaming filter over a JSON answer that keeps the `log` of DataWORQ's JobStatus objects out
 * of memory: a job list carries every job's whole log (megabytes each), which nothing here needs,
 * and a single job's log is only ever shown as its tail. The filter passes every other byte
 * through unchanged, so the result is still the answer's JSON, small enough to parse whole.
 *
 * It works on UTF-8 bytes (every structural JSON character is ASCII), tracks only nesting and
 * strings, and never judges the JSON: a malformed answer passes through for JSON.parse to refuse.
 */
import { DataworqOversizedAnswerError } from '../errors.ts';

/** What happens to the `log` string of the objects at `depth` (1 = the top-level object). */
export type LogPolicy =
  | { readonly mode: 'drop'; readonly depth: number }
  | { readonly mode: 'tail'; readonly depth: number; readonly tailBytes: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
const LOG_KEY = [0x6c, 0x6f, 0x67];
const NULL_BYTES = new TextEncoder().encode('null');

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

export class LogFilter {
  readonly #policy: LogPolicy | undefined;
  readonly #maxBytes: number;
  readonly #operation: string;
  readonly #out: Uint8Array[] = [];
  #outBytes = 0;
  // Structure: the open containers, and where we are inside strings and objects.
  readonly #stack: number[] = [];
  #inString = false;
  #escape = false;
  #expectKey = false;
  #key: number[] | undefined;
  #keyIsLog = false;
  #awaitingLog = false;
  // Inside a log string being dropped or tailed.
  #inLog = false;
  #logEscape = false;
  #tail: Uint8Array[] = [];
  #tailBytes = 0;
  // The whole log's raw size, its escapes and its `\r` escapes: what was dropped, decoded.
  #logRaw = 0;
  #logEscapes = 0;
  #logCrs = 0;

  constructor(policy: LogPolicy | undefined, maxBytes: number, operation: string) {
    this.#policy = policy;
    this.#maxBytes = maxBytes;
    this.#operation = operation;
  }

  /** Filters one chunk; throws DataworqOversizedAnswerError once the kept bytes pass the cap. */
  push(chunk: Uint8Array): void {
    if (this.#policy === undefined) {
      this.#emit(chunk);
      return;
    }
    let keptFrom = this.#inLog ? -1 : 0;
    for (let at = 0; at < chunk.length; at++) {
      const byte = chunk[at] as number;
      if (this.#inLog) {
        if (this.#logEscape) {
          this.#logEscape = false;
          if (byte === 0x72) this.#logCrs += 1;
        } else if (byte === BACKSLASH) {
          this.#logEscape = true;
          this.#logEscapes += 1;
        } else if (byte === QUOTE) {
          this.#collectTail(chunk, keptFrom === -1 ? 0 : keptFrom, at);
          this.#inLog = false;
          this.#emitLogReplacement();
          keptFrom = at + 1;
        }
        continue;
      }
      if (this.#inString) {
        this.#stringByte(byte);
        continue;
      }
      if (byte === QUOTE && this.#awaitingLog) {
        this.#awaitingLog = false;
        this.#emit(chunk.subarray(keptFrom, at));
        this.#inLog = true;
        keptFrom = at + 1;
        continue;
      }
      this.#structuralByte(byte);
    }
    if (this.#inLog) this.#collectTail(chunk, keptFrom === -1 ? 0 : keptFrom, chunk.length);
    else this.#emit(chunk.subarray(keptFrom));
  }

  /** The filtered answer as text. */
  text(): string {
    return Buffer.concat(this.#out, this.#outBytes).toString('utf8');
  }

  #stringByte(byte: number): void {
    if (this.#escape) this.#escape = false;
    else if (byte === BACKSLASH) this.#escape = true;
    else if (byte === QUOTE) {
      this.#inString = false;
      if (this.#key !== undefined) {
        this.#keyIsLog = this.#key.length === LOG_KEY.length && this.#key.every((b, i) => b === LOG_KEY[i]);
        this.#key = undefined;
      }
      return;
    }
    if (this.#key !== undefined && this.#key.length <= LOG_KEY.length) this.#key.push(byte);
  }

  #structuralByte(byte: number): void {
    if (isWhitespace(byte)) return;
    const policy = this.#policy as LogPolicy;
    const top = this.#stack.at(-1);
    switch (byte) {
      case QUOTE: {
        const isKey = top === OPEN_OBJECT && this.#expectKey;
        this.#expectKey = false;
        this.#inString = true;
        if (isKey && this.#stack.length === policy.depth) this.#key = [];
        break;
      }
      case OPEN_OBJECT:
        this.#stack.push(byte);
        this.#expectKey = true;
        this.#keyIsLog = false;
        break;
      case OPEN_ARRAY:
        this.#stack.push(byte);
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        this.#stack.pop();
        this.#expectKey = false;
        break;
      case COLON:
        this.#awaitingLog = this.#keyIsLog && top === OPEN_OBJECT && this.#stack.length === policy.depth;
        this.#keyIsLog = false;
        return;
      case COMMA:
        this.#expectKey = top === OPEN_OBJECT;
        break;
      default:
        break;
    }
    // Any value other than a string (null, a number) ends the wait for a log string.
    this.#awaitingLog = false;
  }

  #collectTail(chunk: Uint8Array, from: number, to: number): void {
    const policy = this.#policy;
    if (policy?.mode !== 'tail' || to <= from) return;
    this.#logRaw += to - from;
    this.#tail.push(chunk.slice(from, to));
    this.#tailBytes += to - from;
    // Keep a little more than the tail, so the cut can step past an escape or a UTF-8 sequence.
    while (this.#tail.length > 1 && this.#tailBytes - (this.#tail[0] as Uint8Array).length >= policy.tailBytes + 16) {
      this.#tailBytes -= (this.#tail.shift() as Uint8Array).length;
    }
  }

  #emitLogReplacement(): void {
    const policy = this.#policy as LogPolicy;
    if (policy.mode === 'drop') {
      this.#emit(NULL_BYTES);
      return;
    }
    const kept = Buffer.concat(this.#tail, this.#tailBytes);
    this.#tail = [];
    this.#tailBytes = 0;
    const tail = kept.subarray(cleanStart(kept, Math.max(0, kept.length - policy.tailBytes)));
    const dropped = decodedSize(this.#logRaw, this.#logEscapes, this.#logCrs) - decodedSizeOf(tail);
    this.#logRaw = 0;
    this.#logEscapes = 0;
    this.#logCrs = 0;
    this.#emit(Buffer.from('"'));
    this.#emit(tail);
    // A sibling field says how much of the log was left out, so the alert can say so.
    this.#emit(Buffer.from(dropped > 0 ? `",${JSON.stringify(LOG_DROPPED_BYTES_FIELD)}:${dropped}` : '"'));
  }

  #emit(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.#outBytes += bytes.length;
    if (this.#outBytes > this.#maxBytes) {
      throw new DataworqOversizedAnswerError(
        `${this.#operation}: DataWORQ's answer is larger than the ${this.#maxBytes} bytes this client reads (job logs left out); it was not read`,
        this.#maxBytes,
      );
    }
    // Chunks may be views of a reused buffer: keep a copy.
    this.#out.push(bytes.slice());
  }
}

/** The field a tailed JobStatus gains: the bytes of its log left out (`\r\n` counted as one). */
export const LOG_DROPPED_BYTES_FIELD = 'logDroppedBytes';

/** Roughly the decoded size (after `\r\n` → `\n`) of escaped JSON text: one byte per escape. */
function decodedSize(raw: number, escapes: number, crs: number): number {
  return raw - escapes - crs;
}

function decodedSizeOf(bytes: Uint8Array): number {
  let escapes = 0;
  let crs = 0;
  for (let at = 0; at < bytes.length; at++) {
    if (bytes[at] !== BACKSLASH) continue;
    escapes += 1;
    if (bytes[at + 1] === 0x72) crs += 1;
    at += 1;
  }
  return decodedSize(bytes.length, escapes, crs);
}

/**
 * The first offset at or after `from` where the escaped JSON text can be cut: not inside an
 * escape sequence, not inside a UTF-8 character. Checked by parsing, so a cut never yields an
 * invalid string whatever run of backslashes preceded it.
 */
function cleanStart(bytes: Uint8Array, from: number): number {
  for (let at = from; at < bytes.length; at++) {
    if (((bytes[at] as number) & 0b1100_0000) === 0b1000_0000) continue;
    if (precededByOddBackslashes(bytes, at) || insideUnicodeEscape(bytes, at)) continue;
    try {
      JSON.parse(`"${Buffer.from(bytes.subarray(at)).toString('utf8')}"`);
      return at;
    } catch {
      // A backslash run reaching back past what we kept: step on.
    }
  }
  return bytes.length;
}

function precededByOddBackslashes(bytes: Uint8Array, at: number): boolean {
  let count = 0;
  for (let back = at - 1; back >= 0 && bytes[back] === BACKSLASH; back--) count += 1;
  return count % 2 === 1;
}

function insideUnicodeEscape(bytes: Uint8Array, at: number): boolean {
  for (let back = 2; back <= 5 && at - back >= 0; back++) {
    const slash = at - back;
    if (bytes[slash] === BACKSLASH && bytes[slash + 1] === 0x75 && !precededByOddBackslashes(bytes, slash)) return true;
  }
  return false;
}
