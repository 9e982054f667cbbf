/** Parsers for numeric options: a bad value is a usage error naming the option (commander adds it). */
import { InvalidArgumentError } from '@commander-js/extra-typings';

export function portOption(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0 || value > 65535) throw new InvalidArgumentError('must be a port number 0-65535 (0 picks a free one).');
  return value;
}

export function speedOption(text: string): number {
  const value = Number(text);
  if (!(Number.isFinite(value) && value > 0 && value <= 10_000)) throw new InvalidArgumentError('must be a number above 0, at most 10000 (1 = real time).');
  return value;
}

export function countOption(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1 || value > 1000) throw new InvalidArgumentError('must be a whole number 1-1000.');
  return value;
}

/** `-p NAME=VALUE`, repeatable. */
export function parameterOption(text: string, previous: readonly string[][] = []): string[][] {
  const at = text.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('must be NAME=VALUE.');
  return [...previous, [text.slice(0, at), text.slice(at + 1)]];
}
