// Checked access for indexes and capture groups the surrounding code has already bounded. TypeScript's
// noUncheckedIndexedAccess types them as possibly undefined; these helpers turn a broken invariant into a clear
// internal error at the spot instead of an `undefined` that surfaces later as a confusing finding.

/** Element `index` of `list`, which the caller knows is in range. */
export function at<T>(list: ArrayLike<T>, index: number): T {
  if (index < 0 || index >= list.length) {
    throw new RangeError(`internal error: index ${index} is out of range (length ${list.length})`);
  }
  return list[index] as T;
}

/** Capture group `n` of `match`, for a group the pattern makes always take part. */
export function group(match: RegExpExecArray | RegExpMatchArray, n: number): string {
  const text = match[n];
  if (text === undefined) throw new Error(`internal error: group ${n} of the match "${match[0]}" did not take part`);
  return text;
}

/** `value`, which the caller knows is present; `what` names it in the error otherwise. */
export function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`internal error: ${what} is missing`);
  return value;
}
