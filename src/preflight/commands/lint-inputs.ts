/**
 * What the lint reads: one command line after `--`, or files, directories and stdin. The file readers (with
 * js-yaml) load only when there are files to read.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { join } from 'node:path';
import { isIgnoredPath, type PreflightConfig } from '../config.js';
import type { Report } from '../format/report.js';
import { parseVeleroArgv, type SourceLocation, type Token } from '../parse/pflag.js';
import { shellQuote } from '../parse/shell.js';
import { subjectFromCommand } from '../resolve.js';
import type { LintContext } from '../spec.js';
import type { ManifestProblem } from '../manifests.js';
import type { FileKind, LintUnit } from '../sources.js';
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

/**
 * Scripts, Makefiles and Markdown are read whole (their commands are still linted one by one): larger ones are
 * refused. YAML files are read document by document at any size; a single document over the limit is refused.
 */
const MAX_FILE_BYTES = 20_000_000;
const MAX_DOCUMENT_CHARS = 20_000_000;
const CHUNK_BYTES = 256 * 1024;

const SKIP_DIRS = new Set(['.git', 'node_modules', 'dist', '.cache']);

/** What reading the inputs found besides the units, which went to the caller one by one. */
export interface ReadInputs {
  problems: Report['problems'];
  /**
   * Files holding command lines (the only units --fix --write rewrites), with their length when read, so a rewrite
   * reads the file again instead of every text staying in memory, and refuses a file that changed meanwhile.
   */
  rewritable: Map<string, number>;
}

/** A file's text in chunks, decoded as readFileSync would (a sequence split between chunks is kept whole). */
function* fileChunks(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      yield decoder.write(buffer.subarray(0, n));
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads files, directories (walked, ignoring what the configuration ignores) and `-` (stdin) and hands each lint
 * unit to `onUnit` as soon as it is read: a YAML file goes document by document, so a caller that keeps only what
 * it must (see lint.ts) lints a file of any length in the memory of its largest document.
 */
export async function readUnits(
  inputs: string[],
  ctx: LintContext,
  config: PreflightConfig,
  onUnit: (unit: LintUnit) => void,
): Promise<ReadInputs> {
  const sources = await import('../sources.js');
  const { yamlDocuments, isOversized } = await import('../yaml-documents.js');
  const problems: Report['problems'] = [];
  const rewritable = new Map<string, number>();
  const take = (r: { units: LintUnit[]; problems: Report['problems'] }) => {
    for (const u of r.units) onUnit(u);
    problems.push(...r.problems);
    // Only command lines are rewritten (--fix --write): only files holding one are noted.
    return r.units.some((u) => u.span);
  };
  /** A text read whole, its units handed over one by one; whether it holds a command line. */
  const readText = (text: string, kind: FileKind, file: string) => {
    let commands = false;
    const found: ManifestProblem[] = [];
    for (const u of sources.unitsOfText(text, kind, file, ctx.veleroVersion, found)) {
      if (u.span) commands = true;
      onUnit(u);
    }
    problems.push(...found);
    return commands;
  };
  const readYaml = (path: string) => {
    let length = 0;
    let commands = false;
    const counted = function* () {
      for (const chunk of fileChunks(path)) {
        length += chunk.length;
        yield chunk;
      }
    };
    try {
      for (const doc of yamlDocuments(counted(), MAX_DOCUMENT_CHARS)) {
        if (isOversized(doc))
          problems.push({
            message: `not read: the YAML document at ${path}:${doc.line} is over ${MAX_DOCUMENT_CHARS / 1e6} million characters; split it`,
          });
        else if (take(sources.unitsFromYamlDocument(doc, path, ctx.veleroVersion))) commands = true;
      }
    } catch (err) {
      problems.push({ message: `cannot read ${path}: ${describeSystemError(err)}` });
      return;
    }
    if (commands) rewritable.set(path, length);
  };
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
    if (explicit && isIgnoredPath(path, config)) return;
    if (sources.kindOfFile(path, '') === 'yaml') {
      readYaml(path);
      return;
    }
    if (st.size > MAX_FILE_BYTES) {
      // Never a silent skip: a file too large to read is named, and the run exits 2.
      problems.push({
        message: `not read: ${path} is ${(st.size / 1e6).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1e6} MB limit for files other than YAML; split it`,
      });
      return;
    }
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      problems.push({ message: `cannot read ${path}: ${describeSystemError(err)}` });
      return;
    }
    const kind = sources.kindOfFile(path, text.slice(0, 200)) ?? (explicit ? sources.sniffKind(text) : undefined);
    if (!kind) return;
    if (readText(text, kind, path)) rewritable.set(path, text.length);
  };
  for (const input of inputs) {
    if (input === '-') {
      const text = readFileSync(0, 'utf8');
      readText(text, sources.sniffKind(text), '<stdin>');
    } else visit(input, true, 0);
  }
  return { problems, rewritable };
}
