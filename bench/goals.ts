/** A figure next to its goal, and whether it meets it. */
export interface GoalCheck {
  readonly id: string;
  readonly goal: string;
  readonly actual: string;
  readonly pass: boolean;
}

export function goal(id: string, goalText: string, actual: string, pass: boolean): GoalCheck {
  return { id, goal: goalText, actual, pass };
}

export function mark(pass: boolean): string {
  return pass ? 'PASS' : 'FAIL';
}

/** `1.23`, `0.456`, `12.3`, `1,234`: enough digits to read, no more. */
export function num(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function usd(value: number): string {
  return `$${value.toLocaleString('en-US', { maximumFractionDigits: value < 1 ? 4 : 2, minimumFractionDigits: 2 })}`;
}
