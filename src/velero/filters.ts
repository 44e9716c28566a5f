/**
 * Velero's include/exclude lists (pkg/util/collections): how a list of entries matches a name, and how an
 * include list and an exclude list together decide whether a namespace or a resource is kept. Entries are
 * globs (glob.ts). Turning resource entries into canonical `plural.group` names needs discovery, which this
 * room does not model: callers pass a `resolve` function (the actions and the preflight each know the kinds
 * they care about). Pure: imports only glob.ts.
 */
import { cachedGlob } from './glob.js';

/** Velero stores entries in a set: order and repeats do not count. Go sorts by bytes, i.e. by code point. */
function sortedUnique(entries: readonly string[]): string[] {
  const unique = [...new Set(entries)];
  // JavaScript compares UTF-16 code units, which order like code points unless a surrogate pair is involved.
  return unique.some((entry) => SURROGATE.test(entry)) ? unique.sort(compareCodePoints) : unique.sort();
}

const SURROGATE = /[\uD800-\uDFFF]/;

function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

/**
 * Whether any entry of a list matches the value, as Velero's glob set does it: entries in sorted order, and
 * the first entry that does not compile ends the search with "no match", so `['a[', 'kube-*']` matches
 * nothing at all ('a[' sorts first) while `['kube-*', 'z[']` still matches `kube-system`.
 */
export function matchesAnyEntry(entries: readonly string[], value: string): boolean {
  for (const entry of sortedUnique(entries)) {
    const glob = cachedGlob(entry);
    if (glob === undefined) return false;
    if (glob.test(value)) return true;
  }
  return false;
}

/** One include list and one exclude list, entries as Velero holds them (resolved, for resources). */
export interface IncludesExcludes {
  readonly includes: readonly string[];
  readonly excludes: readonly string[];
}

/** ShouldInclude: an exclude wins; no includes, or a `*` among them, include everything else. */
export function shouldInclude(filter: IncludesExcludes, value: string): boolean {
  return exclusionOf(filter, value) === undefined;
}

/**
 * Why a filter leaves a value out: `excluded` (an exclude matched), `not-included` (includes are given and
 * none matched), or undefined when the value is kept.
 */
export function exclusionOf(filter: IncludesExcludes, value: string): 'excluded' | 'not-included' | undefined {
  if (matchesAnyEntry(filter.excludes, value)) return 'excluded';
  return includesAll(filter.includes) || matchesAnyEntry(filter.includes, value) ? undefined : 'not-included';
}

/** An include list that takes everything before any entry is matched: empty, or holding `*`. */
function includesAll(includes: readonly string[]): boolean {
  return includes.length === 0 || includes.includes('*');
}

/** IncludeEverything: no excludes, and no includes or only `*` (as a set: repeats do not count). */
export function includesEverything(filter: IncludesExcludes): boolean {
  const includes = new Set(filter.includes);
  return filter.excludes.length === 0 && (includes.size === 0 || (includes.size === 1 && includes.has('*')));
}

/**
 * What discovery makes of one resource entry: its canonical `plural.group` name, the entry itself when
 * discovery cannot resolve it (Velero then uses it verbatim, as a glob), or '' to leave it out (a scoped
 * list drops entries of the other scope).
 */
export type ResolveResource = (entry: string) => string;

/**
 * Builds a resource filter from a spec's two lists the way Velero does: `*` passes unresolved, every other
 * entry goes through `resolve` and is left out when that returns ''. The old-style lists
 * (includedResources/excludedResources) ignore a `*` among the excludes (validation rejects it anyway); the
 * scoped lists keep it, and it then excludes everything.
 */
export function resourceFilter(
  includes: readonly string[],
  excludes: readonly string[],
  resolve: ResolveResource,
  style: 'old' | 'scoped',
): IncludesExcludes {
  const resolveAll = (entries: readonly string[], isExclude: boolean): string[] =>
    entries.flatMap((entry) => {
      if (entry === '*') return style === 'old' && isExclude ? [] : ['*'];
      const resolved = resolve(entry);
      return resolved === '' ? [] : [resolved];
    });
  return { includes: resolveAll(includes, false), excludes: resolveAll(excludes, true) };
}
