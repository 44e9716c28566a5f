/**
 * What the lint reads: one command line after `--`, or files, directories and stdin. The file readers (with
 * js-yaml) load only when there are files to read.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isIgnoredPath, type PreflightConfig } from '../config.js';
import type { Report } from '../format/report.js';
import { parseVeleroArgv, type SourceLocation, type Token } from '../parse/pflag.js';
import { shellQuote } from '../parse/shell.js';
import { subjectFromCommand } from '../resolve.js';
import type { LintContext } from '../spec.js';
import type { LintUnit } from '../sources.js';
import { describeSystemError } from './errors.js';

/** Columns of an argv as it reads joined for a shell, so locations point into the printed command. */
export function argvUnit(argv: readonly string[], ctx: LintContext): LintUnit {
  let column = 1;
  const tokens: Token[] = argv.map((text) => {
    const loc: SourceLocation = { file: '<command line>', line: 1, column };
    column += shellQuote(text).length + 1;
    return { text, loc };
  });
  const subject = subjectFromCommand(parseVeleroArgv(tokens, { version: ctx.veleroVersion }), {
    file: '<command line>',
    line: 1,
    column: 1,
  });
  return { subject, writable: false, tokens };
}

/** Larger files are refused: the subjects of every file are held in memory (about 20 MB per MB of manifests). */
const MAX_FILE_BYTES = 20_000_000;

const SKIP_DIRS = new Set(['.git', 'node_modules', 'dist', '.cache']);

/** The lint units of files, directories (walked, ignoring what the configuration ignores) and `-` (stdin). */
export async function collectUnits(inputs: string[], ctx: LintContext, config: PreflightConfig) {
  const sources = await import('../sources.js');
  const units: LintUnit[] = [];
  const problems: Report['problems'] = [];
  const texts = new Map<string, string>();
  const visit = (path: string, explicit: boolean, depth: number) => {
    if (depth > 40) return;
    if (!explicit && isIgnoredPath(path, config)) return;
    let st;
    try {
      st = statSync(path);
    } catch (err) {
      problems.push({ message: `cannot read ${path}: ${describeSystemError(err)}` });
      return;
    }
    if (st.isDirectory()) {
      for (const entry of readdirSync(path).sort())
        if (!SKIP_DIRS.has(entry)) visit(join(path, entry), false, depth + 1);
      return;
    }
    if (!st.isFile()) return;
    if (st.size > MAX_FILE_BYTES) {
      // Never a silent skip: a file too large to read is named, and the run exits 2.
      problems.push({
        message: `not read: ${path} is ${(st.size / 1e6).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1e6} MB limit; split it`,
      });
      return;
    }
    if (explicit && isIgnoredPath(path, config)) return;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      problems.push({ message: `cannot read ${path}: ${describeSystemError(err)}` });
      return;
    }
    const kind = sources.kindOfFile(path, text.slice(0, 200)) ?? (explicit ? sources.sniffKind(text) : undefined);
    if (!kind) return;
    const r = sources.unitsFromText(text, kind, path, ctx.veleroVersion);
    // Only command lines are rewritten (--fix --write): a file of manifests alone need not stay in memory.
    if (r.units.some((u) => u.span)) texts.set(path, text);
    units.push(...r.units);
    problems.push(...r.problems);
  };
  for (const input of inputs) {
    if (input === '-') {
      const text = readFileSync(0, 'utf8');
      const r = sources.unitsFromText(text, sources.sniffKind(text), '<stdin>', ctx.veleroVersion);
      units.push(...r.units);
      problems.push(...r.problems);
    } else visit(input, true, 0);
  }
  return { units, problems, texts };
}
