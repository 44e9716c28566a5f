/**
 * Item JSON without loss. Velero keeps an item's numbers exactly (int64 and float64 as written), but
 * JavaScript numbers are doubles: `9007199254740993` would come back as `...992`, `1e400` as `null`, `1.0`
 * as `1`. And JSON.stringify recurses, so an object nested beyond about 4,500 levels (the API server
 * accepts 10,000) cannot be written at all.
 *
 * So: an item whose text holds a number that would not survive a round trip is parsed by
 * {@link parseLossless}, which keeps such a number as a {@link JsonNumber} (its exact text); every other
 * item takes V8's JSON.parse. {@link encodeJson} writes JsonNumbers back verbatim and falls back to an
 * iterative writer when the value is too deep for JSON.stringify. Both directions are iterative, so any
 * depth works.
 */

/** A JSON number whose exact text a JavaScript number would not reproduce; written back verbatim. */
export class JsonNumber {
  constructor(readonly text: string) {
    Object.freeze(this);
  }
  /** Arithmetic and comparisons see the nearest double. */
  valueOf(): number {
    return Number(this.text);
  }
  toString(): string {
    return this.text;
  }
}

/**
 * Number tokens that may not survive Number(text) -> String(number): 16 or more characters (beyond
 * double precision), an exponent, a fraction ending in 0, negative zero, or a fraction below 1e-6 (which
 * JavaScript prints with an exponent). Shorter plain decimals always round-trip. Matching inside a
 * string is harmless: it only sends that item down the exact (slower) path.
 */
const MAYBE_INEXACT_NUMBER = /[:,[]\s*(?:-?\d[\d.eE+-]{15}|-?[\d.]+[eE]|-?\d+\.\d*0(?!\d)|-0(?![\d.eE])|-?0\.0{6})/;

export interface ParsedJson {
  value: unknown;
  /** True when the value holds a JsonNumber: encode it with `exact` (see encodeJson). */
  exact: boolean;
}

/** Parses JSON text; numbers that JavaScript would alter become JsonNumbers. Throws JsonSyntaxError. */
export function parseJsonExact(text: string): ParsedJson {
  if (!MAYBE_INEXACT_NUMBER.test(text)) {
    try {
      return { value: JSON.parse(text) as unknown, exact: false };
    } catch {
      // Parsed again below for an error that names the position without quoting the text.
    }
  }
  return parseLossless(text);
}

/** A JSON syntax error that says where, never what (the text may be a Secret). */
export class JsonSyntaxError extends Error {
  constructor(
    readonly position: number,
    what: string,
  ) {
    super(`${what} at byte ${position}`);
    this.name = 'JsonSyntaxError';
  }
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER_TOKEN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;

type Container = { kind: 'array'; value: unknown[] } | { kind: 'object'; value: Record<string, unknown>; key: string };

/** An iterative JSON parser (RFC 8259) that keeps inexact numbers as JsonNumber. */
export function parseLossless(text: string): ParsedJson {
  let i = 0;
  let exact = false;
  const stack: Container[] = [];
  const skipSpace = () => {
    while (i < text.length && WHITESPACE.has(text.charCodeAt(i))) i++;
  };
  const fail = (what: string): never => {
    throw new JsonSyntaxError(i, i >= text.length ? 'unexpected end of JSON' : what);
  };
  const readString = (): string => {
    const start = i;
    i++;
    let escaped = false;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x5c) {
        escaped = true;
        i++;
      } else if (c === 0x22) break;
      else if (c < 0x20) fail('control character in a string');
    }
    if (i >= text.length) fail('unterminated string');
    i++;
    const raw = text.slice(start, i);
    if (!escaped) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      i = start;
      return fail('invalid escape in a string');
    }
  };
  const readScalar = (): unknown => {
    const c = text[i];
    if (c === '"') return readString();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    NUMBER_TOKEN.lastIndex = i;
    const match = NUMBER_TOKEN.exec(text);
    if (!match) return fail('unexpected character');
    i += match[0].length;
    const number = Number(match[0]);
    if (String(number) === match[0]) return number;
    exact = true;
    return new JsonNumber(match[0]);
  };
  /** Stores a finished value in the open container, or returns it when it is the root. */
  const place = (value: unknown): boolean => {
    const top = stack[stack.length - 1];
    if (!top) {
      result = value;
      return true;
    }
    if (top.kind === 'array') top.value.push(value);
    // defineProperty: a "__proto__" key must stay an own property, as JSON.parse keeps it.
    else Object.defineProperty(top.value, top.key, { value, enumerable: true, writable: true, configurable: true });
    return false;
  };

  let result: unknown;
  let done = false;
  skipSpace();
  while (!done) {
    // Start of a value.
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      skipSpace();
      if (c === '[') {
        if (text[i] === ']') {
          i++;
          done = place([]);
        } else {
          stack.push({ kind: 'array', value: [] });
          continue;
        }
      } else if (text[i] === '}') {
        i++;
        done = place({});
      } else {
        if (text[i] !== '"') fail('expected a key');
        const key = readString();
        skipSpace();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        skipSpace();
        stack.push({ kind: 'object', value: {}, key });
        continue;
      }
    } else {
      done = place(readScalar());
    }
    // After a value: close containers or move to the next element.
    while (!done) {
      skipSpace();
      const top = stack[stack.length - 1];
      if (!top) break;
      const next = text[i];
      if (next === ',') {
        i++;
        skipSpace();
        if (top.kind === 'object') {
          if (text[i] !== '"') fail('expected a key');
          top.key = readString();
          skipSpace();
          if (text[i] !== ':') fail('expected ":"');
          i++;
          skipSpace();
        }
        break;
      }
      if ((top.kind === 'array' && next === ']') || (top.kind === 'object' && next === '}')) {
        i++;
        stack.pop();
        done = place(top.value);
        continue;
      }
      fail(top.kind === 'array' ? 'expected "," or "]"' : 'expected "," or "}"');
    }
  }
  skipSpace();
  if (i < text.length) fail('unexpected data after the JSON value');
  return { value: result, exact };
}

/**
 * The JSON text of a value: JSON.stringify when it holds no JsonNumber and is shallow enough, else the
 * iterative writer. `exact` says whether the value may hold JsonNumbers (its item was parsed by
 * parseLossless); without them JSON.stringify's speed is kept.
 */
export function encodeJson(value: unknown, exact: boolean): string {
  if (!exact) {
    try {
      return JSON.stringify(value);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      // Too deep for the recursive JSON.stringify: the iterative writer below has no depth limit.
    }
  }
  return writeIteratively(value);
}

type Frame =
  | { kind: 'array'; value: readonly unknown[]; index: number }
  | { kind: 'object'; value: Record<string, unknown>; keys: string[]; index: number; wrote: boolean };

/** JSON.stringify's output (without toJSON, replacers or indentation) for any depth, JsonNumbers verbatim. */
function writeIteratively(root: unknown): string {
  const parts: string[] = [];
  const stack: Frame[] = [];
  /** Writes a scalar, or opens a container; false when the value is omitted (undefined, function, symbol). */
  const begin = (value: unknown, inArray: boolean): boolean => {
    if (value instanceof JsonNumber) parts.push(value.text);
    else if (Array.isArray(value)) {
      parts.push('[');
      stack.push({ kind: 'array', value, index: 0 });
    } else if (typeof value === 'object' && value !== null) {
      parts.push('{');
      stack.push({
        kind: 'object',
        value: value as Record<string, unknown>,
        keys: Object.keys(value),
        index: 0,
        wrote: false,
      });
    } else if (value === undefined || typeof value === 'function' || typeof value === 'symbol') {
      if (!inArray) return false;
      parts.push('null');
    } else if (typeof value === 'bigint') parts.push(value.toString());
    else parts.push(JSON.stringify(value));
    return true;
  };
  if (!begin(root, false)) return 'undefined';
  for (let top = stack[stack.length - 1]; top; top = stack[stack.length - 1]) {
    if (top.kind === 'array') {
      if (top.index >= top.value.length) {
        parts.push(']');
        stack.pop();
        continue;
      }
      if (top.index > 0) parts.push(',');
      begin(top.value[top.index++], true);
    } else {
      if (top.index >= top.keys.length) {
        parts.push('}');
        stack.pop();
        continue;
      }
      const key = top.keys[top.index++] ?? '';
      const value = top.value[key];
      if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
      parts.push(`${top.wrote ? ',' : ''}${JSON.stringify(key)}:`);
      top.wrote = true;
      begin(value, false);
    }
  }
  return parts.join('');
}
