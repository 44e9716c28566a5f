/**
 * Finds velero invocations in POSIX shell text without executing anything. It handles quoting, backslash
 * line continuations, comments, command separators and redirections; words holding expansions it cannot
 * evaluate ($VAR, ${...}, $(...), `...`) are kept and marked unknown, never guessed.
 * It also collects `# velero-cm-preflight disable=RULE reason` directives, which apply to the next command.
 */
import type { SourceLocation, Token } from './pflag.js';
import { at, group } from '../checked.js';

export interface ShellDirective {
  rules: string[];
  reason: string;
  loc: SourceLocation;
}

export interface ShellCommand {
  /** tokens[0] is the velero program word. */
  tokens: Token[];
  /** Offsets in the text given to extractVeleroCommands, [start, end) of the whole simple command (velero word to last word). */
  start: number;
  end: number;
  loc: SourceLocation;
  directives: ShellDirective[];
}

export interface ShellOptions {
  /** Line number of the first line of `text` in its file (1-based). */
  lineBase?: number;
  /** Added to every column (text dedented from a YAML block scalar). */
  columnBase?: number;
  file?: string;
  /** Makefile recipes: strip `@`/`-`/`+` prefixes and read `$$` as `$`. */
  makefile?: boolean;
  /**
   * Called for a quote that is never closed before the end of the text, when a velero command sits in or after
   * it: the shell stops with a syntax error there, so that command would never run and is not linted.
   */
  onSyntaxError?: (error: ShellSyntaxError) => void;
}

export interface ShellSyntaxError {
  message: string;
  loc: SourceLocation;
}

interface Word {
  text: string;
  unknown: boolean;
  start: number;
  end: number;
  quoted: boolean;
  /** Offset of a quote this word opens and never closes (it runs to the end of the text). */
  unclosedQuote?: number;
}

type Piece =
  { kind: 'word'; word: Word } | { kind: 'sep'; start: number } | { kind: 'comment'; text: string; start: number };

const DIRECTIVE = /^#\s*velero-cm-preflight\s+disable=([A-Za-z0-9_,-]+)\s*(.*)$/;

/** Reads `$...` forms starting at i (text[i] === '$'); returns the end index. */
function skipDollar(text: string, i: number): number {
  const next = text[i + 1];
  if (next === '(' || next === '{') {
    const open = next;
    const close = open === '(' ? ')' : '}';
    let depth = 0;
    for (let k = i + 1; k < text.length; k++) {
      const c = text[k];
      if (c === '\\') {
        k++;
        continue;
      }
      if (c === open) depth++;
      else if (c === close && --depth === 0) return k + 1;
    }
    return text.length;
  }
  if (next !== undefined && /[A-Za-z_]/.test(next)) {
    let k = i + 1;
    while (k < text.length && /[A-Za-z0-9_]/.test(text.charAt(k))) k++;
    return k;
  }
  if (next !== undefined && /[0-9@*#?$!-]/.test(next)) return i + 2;
  return i + 1;
}

/** The pieces of a shell text, one at a time: a large script is never held as all its pieces at once. */
function* lex(text: string, makefile: boolean): Generator<Piece> {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charAt(i);
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      yield { kind: 'sep', start: i };
      i++;
      continue;
    }
    if (c === '#') {
      const eol = text.indexOf('\n', i);
      const end = eol < 0 ? n : eol;
      yield { kind: 'comment', text: text.slice(i, end), start: i };
      i = end;
      continue;
    }
    // A word: concatenation of unquoted, single-quoted and double-quoted parts.
    const start = i;
    let value = '';
    let unknown = false;
    let quoted = false;
    let unclosedQuote: number | undefined;
    while (i < n) {
      const ch = text.charAt(i);
      if (ch === '\\') {
        if (text[i + 1] === '\n') {
          i += 2;
          continue;
        }
        if (i + 1 < n) value += text.charAt(i + 1);
        i += 2;
        continue;
      }
      if (ch === "'") {
        quoted = true;
        const close = text.indexOf("'", i + 1);
        if (close < 0) unclosedQuote ??= i;
        const end = close < 0 ? n : close;
        value += text.slice(i + 1, end);
        i = end + 1;
        continue;
      }
      if (ch === '"') {
        quoted = true;
        const open = i;
        i++;
        while (i < n && text[i] !== '"') {
          const d = text.charAt(i);
          if (d === '\\' && i + 1 < n && '"\\$`\n'.includes(text.charAt(i + 1))) {
            if (text[i + 1] !== '\n') value += text.charAt(i + 1);
            i += 2;
          } else if (d === '$' && !(makefile && text[i + 1] === '$')) {
            const end = skipDollar(text, i);
            if (end > i + 1) unknown = true;
            value += text.slice(i, end);
            i = end;
          } else if (d === '`') {
            const close = text.indexOf('`', i + 1);
            const end = close < 0 ? n : close + 1;
            unknown = true;
            value += text.slice(i, end);
            i = end;
          } else {
            value += d;
            i += makefile && d === '$' ? 2 : 1;
          }
        }
        if (i >= n) unclosedQuote ??= open;
        i++;
        continue;
      }
      if (ch === '$') {
        if (makefile && text[i + 1] === '$') {
          const end = skipDollar(text, i + 1);
          if (end > i + 2) unknown = true;
          value += text.slice(i + 1, end);
          i = end;
          continue;
        }
        const end = skipDollar(text, i);
        if (end > i + 1) unknown = true;
        value += text.slice(i, end);
        i = end;
        continue;
      }
      if (ch === '`') {
        const close = text.indexOf('`', i + 1);
        const end = close < 0 ? n : close + 1;
        unknown = true;
        value += text.slice(i, end);
        i = end;
        continue;
      }
      if (' \t\r\n;&|()'.includes(ch)) break;
      if ((ch === '<' || ch === '>') && value === '' && !quoted) {
        break;
      }
      value += ch;
      i++;
    }
    if (i === start) {
      // A redirection operator: `>`, `2>&1`, `<<EOF` ... consume it and its target word as a separator-free skip.
      let k = i;
      while (k < n && '<>&0123456789-'.includes(text.charAt(k))) k++;
      yield { kind: 'word', word: { text: text.slice(i, k), unknown: true, start: i, end: k, quoted: false } };
      i = k;
      continue;
    }
    const word: Word = { text: value, unknown, start, end: Math.min(i, n), quoted };
    if (unclosedQuote !== undefined) word.unclosedQuote = unclosedQuote;
    yield { kind: 'word', word };
  }
}

/**
 * Maps offsets in `text` to line and column. The line starts are indexed once per text and looked up by
 * binary search, so locating every token of a long script stays linear (rescanning from the start for each
 * token made a 2,000-line script quadratic).
 */
function sourceLocator(text: string, options: ShellOptions): (offset: number) => SourceLocation {
  const lineStarts = [0];
  for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) lineStarts.push(k + 1);
  return (offset) => {
    // The last line start at or before offset (a newline at offset itself belongs to the line it ends).
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (at(lineStarts, mid) <= offset) low = mid;
      else high = mid - 1;
    }
    const loc: SourceLocation = {
      line: (options.lineBase ?? 1) + low,
      column: offset - at(lineStarts, low) + 1 + (options.columnBase ?? 0),
    };
    if (options.file) loc.file = options.file;
    return loc;
  };
}

const WRAPPERS = new Set(['sudo', 'exec', 'time', 'command', 'nohup', 'env', 'xargs']);
const REDIRECT = /^[0-9]*(>>?|<<?|>&|<&)/;

function isVeleroProgram(word: string): boolean {
  return word === 'velero' || word.endsWith('/velero') || word === 'velero.exe';
}

export function extractVeleroCommands(text: string, options: ShellOptions = {}): ShellCommand[] {
  return [...veleroCommands(text, options)];
}

/**
 * The velero commands of a shell text, each as soon as it is read, so a caller that lints and drops them holds
 * one at a time. The whole text is read: callers bound its size (lint-inputs.ts), and the lexer is linear.
 */
export function* veleroCommands(text: string, options: ShellOptions = {}): Generator<ShellCommand> {
  const pieces = lex(text, options.makefile ?? false);
  const lineColumnOf = sourceLocator(text, options);
  const commands: ShellCommand[] = [];
  let pendingDirectives: ShellDirective[] = [];
  let current: Word[] = [];
  let atLineStart = true;

  const flush = () => {
    if (current.length === 0) return;
    const words = current;
    current = [];
    let k = 0;
    while (k < words.length) {
      let w = at(words, k).text;
      if (options.makefile && k === 0) w = w.replace(/^[@+-]+/, '');
      if (
        /^[A-Za-z_][A-Za-z0-9_]*=/.test(w) ||
        WRAPPERS.has(w) ||
        (k > 0 && w.startsWith('-') && WRAPPERS.has(at(words, k - 1).text))
      ) {
        k++;
        continue;
      }
      break;
    }
    const first = words[k];
    const directives = pendingDirectives;
    pendingDirectives = [];
    if (!first) return;
    const program = options.makefile ? first.text.replace(/^[@+-]+/, '') : first.text;
    const unclosed = words.find((w) => w.unclosedQuote !== undefined)?.unclosedQuote;
    if (unclosed !== undefined) {
      // Only worth an error when a velero command is lost to it: this one, or one inside the swallowed text.
      if (isVeleroProgram(program) || /\bvelero\b/.test(text.slice(unclosed))) {
        const quote = text.charAt(unclosed);
        options.onSyntaxError?.({
          message: `unclosed ${quote === '"' ? 'double' : 'single'} quote (${quote}): the shell stops with a syntax error (unexpected end of file looking for the matching ${quote}), so this command never runs; close the quote`,
          loc: lineColumnOf(unclosed),
        });
      }
      return;
    }
    if (!isVeleroProgram(program)) return;
    // Drop redirections and their targets: they are not arguments.
    const argWords: Word[] = [];
    for (let j = k; j < words.length; j++) {
      const word = at(words, j);
      if (!word.quoted && REDIRECT.test(word.text) && j > k) {
        if (/^[0-9]*(>>?|<<?|>&|<&)$/.test(word.text)) j++;
        continue;
      }
      argWords.push(word);
    }
    const tokens: Token[] = argWords.map((word) => {
      const token: Token = {
        text: word.text,
        loc: lineColumnOf(word.start),
        raw: text.slice(word.start, word.end),
      };
      if (word.unknown) token.unknown = true;
      return token;
    });
    at(tokens, 0).text = program;
    const last = at(argWords, argWords.length - 1);
    commands.push({
      tokens,
      start: first.start,
      end: last.end,
      loc: lineColumnOf(first.start),
      directives,
    });
  };

  for (const piece of pieces) {
    if (piece.kind === 'word') {
      current.push(piece.word);
      atLineStart = false;
      continue;
    }
    if (piece.kind === 'comment') {
      const m = DIRECTIVE.exec(piece.text);
      if (m && atLineStart) {
        pendingDirectives.push({
          rules: group(m, 1).split(',').filter(Boolean),
          reason: group(m, 2)
            .trim()
            .replace(/^[-:\s]+/, ''),
          loc: lineColumnOf(piece.start),
        });
      }
      continue;
    }
    flush();
    yield* commands.splice(0);
    if (text[piece.start] === '\n') atLineStart = true;
  }
  flush();
  yield* commands;
}

/** Quotes one word for a POSIX shell, only when it needs it. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function shellJoin(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
