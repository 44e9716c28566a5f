/**
 * Velero's glob: every include/exclude entry (namespace or resource) is compiled with github.com/gobwas/glob
 * and no separators, so `*` spans dots. This is a port of that grammar as Velero pins it (v0.2.3), parsed
 * the way its lexer and parser do, because the corners differ from shell globs and from regular expressions:
 *
 * - `*` and `**` match any run of characters, `?` exactly one character (a code point, not a byte);
 * - `[abc]` a set, `[!abc]` its complement, `[a-z]` ONE range (`[a-z0-9]` does not compile, `[ab-d]` is the
 *   set a, b, -, d), `^` is an ordinary character, `\` escapes inside a set;
 * - `{a,b}` alternatives, each itself a pattern (`{kube-*,cert-*}`), nested; an unclosed `{` is closed at
 *   the end; `,` and `}` outside braces are ordinary characters;
 * - `\` escapes the next character; a trailing `\` is dropped;
 * - a pattern that does not compile (`[`, `[]`, `[z-a]`, `[a-z0-9]`) matches nothing. Velero goes further in
 *   a list of entries: see `matchesAnyEntry` in filters.ts.
 *
 * gobwas v0.2.3 also has matching bugs, and Velero inherits them. The one that bites real names is kept here:
 * `prefix*suffix` only checks both ends, so the two may overlap (`kube-*-system` matches `kube-system`). The
 * others are not reproduced; they need `{...}` alternatives that vary in length or are empty (`x{a*,b}`
 * misses `xaa`), an empty value (`?` matches ``), or non-ASCII text, none of which Kubernetes names or
 * sensible filters contain. Pure: no imports. Every answer is checked against gobwas itself
 * (test/unit/velero/gobwas-cases.json, recorded by test/unit/velero/gobwas/main.go).
 */

type GlobNode =
  | { kind: 'text'; text: string }
  | { kind: 'any' }
  | { kind: 'single' }
  | { kind: 'set'; chars: string; negated: boolean }
  | { kind: 'range'; lo: string; hi: string; negated: boolean }
  | { kind: 'alternatives'; patterns: GlobNode[][] };

/** Thrown inside the parser only; `compileGlob` turns it into "does not compile". */
class GlobSyntaxError extends Error {}

/** Characters that end a run of text outside braces, and inside them. */
const TEXT_BREAKERS = new Set(['*', '?', '[', '{']);
const TERMS_BREAKERS = new Set([...TEXT_BREAKERS, '}', ',']);

class GlobParser {
  /** Code points, so `?` and ranges see characters as gobwas (which reads runes) does. */
  private readonly chars: string[];
  private pos = 0;

  constructor(pattern: string) {
    this.chars = Array.from(pattern);
  }

  parse(): GlobNode[] {
    const root: GlobNode[] = [];
    // The pattern being filled, and the alternatives nodes it is nested in (innermost last).
    let current = root;
    const open: { node: { kind: 'alternatives'; patterns: GlobNode[][] }; outer: GlobNode[] }[] = [];
    while (this.pos < this.chars.length) {
      const char = this.chars[this.pos] ?? '';
      const innermost = open.at(-1);
      if (char === '{') {
        this.pos++;
        const first: GlobNode[] = [];
        const node = { kind: 'alternatives' as const, patterns: [first] };
        current.push(node);
        open.push({ node, outer: current });
        current = first;
      } else if (char === ',' && innermost) {
        this.pos++;
        current = [];
        innermost.node.patterns.push(current);
      } else if (char === '}' && innermost) {
        this.pos++;
        open.pop();
        current = innermost.outer;
      } else if (char === '[') {
        this.pos++;
        current.push(this.parseSet());
      } else if (char === '?') {
        this.pos++;
        current.push({ kind: 'single' });
      } else if (char === '*') {
        // `**` is gobwas's "super" wildcard; without separators it means the same as `*`.
        this.pos += this.chars[this.pos + 1] === '*' ? 2 : 1;
        current.push({ kind: 'any' });
      } else {
        const text = this.readText(open.length > 0 ? TERMS_BREAKERS : TEXT_BREAKERS);
        if (text !== '') current.push({ kind: 'text', text });
      }
    }
    // An unclosed `{` is not an error in gobwas: the alternatives end with the pattern.
    return root;
  }

  /** Text up to an unescaped breaker; `\` makes the next character literal and a trailing `\` vanishes. */
  private readText(breakers: ReadonlySet<string>): string {
    let text = '';
    let escaped = false;
    while (this.pos < this.chars.length) {
      const char = this.chars[this.pos] ?? '';
      if (!escaped) {
        if (char === '\\') {
          escaped = true;
          this.pos++;
          continue;
        }
        if (breakers.has(char)) break;
      }
      escaped = false;
      text += char;
      this.pos++;
    }
    return text;
  }

  /** After `[`: `[!`? then either `lo-hi` (one range) or a run of characters, then `]`. */
  private parseSet(): GlobNode {
    let negated = false;
    if (this.chars[this.pos] === '!') {
      negated = true;
      this.pos++;
    }
    const first = this.chars[this.pos];
    if (first === undefined) throw new GlobSyntaxError('unexpected end of input in [');
    if (this.chars[this.pos + 1] === '-') {
      const hi = this.chars[this.pos + 2];
      if (hi === undefined) throw new GlobSyntaxError('unexpected end of input in [');
      this.pos += 3;
      this.expectClose();
      // gobwas treats a NUL bound as "no range given".
      if (first === '\0' || hi === '\0') throw new GlobSyntaxError('could not parse range');
      if (codePoint(hi) < codePoint(first)) throw new GlobSyntaxError(`range ${first}-${hi} is reversed`);
      return { kind: 'range', lo: first, hi, negated };
    }
    const chars = this.readText(new Set([']']));
    this.expectClose();
    if (chars === '') throw new GlobSyntaxError('empty [ ]');
    return { kind: 'set', chars, negated };
  }

  private expectClose(): void {
    if (this.chars[this.pos] !== ']') throw new GlobSyntaxError('expected ]');
    this.pos++;
  }
}

function codePoint(char: string): number {
  return char.codePointAt(0) ?? 0;
}

/** Escapes one code point for use inside or outside a character class of a `u`-flag regular expression. */
function escapeChar(char: string): string {
  return `\\u{${codePoint(char).toString(16)}}`;
}

function toRegExpSource(nodes: readonly GlobNode[]): string {
  return nodes
    .map((node) => {
      switch (node.kind) {
        case 'text':
          return Array.from(node.text, escapeChar).join('');
        case 'any':
          return '[^]*';
        case 'single':
          return '[^]';
        case 'set':
          return `[${node.negated ? '^' : ''}${Array.from(node.chars, escapeChar).join('')}]`;
        case 'range':
          return `[${node.negated ? '^' : ''}${escapeChar(node.lo)}-${escapeChar(node.hi)}]`;
        case 'alternatives':
          return `(?:${node.patterns.map(toRegExpSource).join('|')})`;
      }
    })
    .join('');
}

/**
 * Compiles a Velero glob the way gobwas/glob does, as an anchored regular expression; undefined when gobwas
 * would refuse it (Velero then treats the entry, and the rest of its list, as matching nothing: see
 * filters.ts).
 */
export function compileGlob(pattern: string): RegExp | undefined {
  let nodes: GlobNode[];
  try {
    nodes = new GlobParser(pattern).parse();
  } catch (error) {
    if (error instanceof GlobSyntaxError) return undefined;
    throw error;
  }
  const [prefix, star, suffix, ...rest] = nodes;
  if (prefix?.kind === 'text' && star?.kind === 'any' && suffix?.kind === 'text' && rest.length === 0) {
    // gobwas's PrefixSuffix matcher checks both ends and not the length between them (see the header): the
    // lookahead lets the prefix and the suffix overlap.
    return new RegExp(`^(?=${toRegExpSource([prefix])})[^]*${toRegExpSource([suffix])}$`, 'u');
  }
  return new RegExp(`^${toRegExpSource(nodes)}$`, 'u');
}

/** Compiled globs by pattern (undefined: does not compile). Filters repeat across items; bounded all the same. */
const compiled = new Map<string, RegExp | undefined>();
const COMPILED_LIMIT = 1024;

/** `compileGlob`, remembered: the actions and the rules ask about the same few entries again and again. */
export function cachedGlob(pattern: string): RegExp | undefined {
  if (compiled.has(pattern)) return compiled.get(pattern);
  if (compiled.size >= COMPILED_LIMIT) compiled.clear();
  const glob = compileGlob(pattern);
  compiled.set(pattern, glob);
  return glob;
}

/** Whether one glob matches a value; a glob that does not compile matches nothing. */
export function globMatches(pattern: string, value: string): boolean {
  return cachedGlob(pattern)?.test(value) ?? false;
}
