/**
 * Turns inputs (argv, files, stdin) into lint units: a Subject plus, for commands found in files, where the
 * command sits in the file so --write can replace it. Shell scripts, Makefiles, Markdown code blocks, YAML
 * (manifests, Helm values, and `run:`/`script:` blocks of CI workflows) are understood.
 */
import { subjectsFromDocument, subjectsFromYaml, type ManifestProblem } from './manifests.js';
import { parseVeleroArgv, type SourceLocation, type Token } from './parse/pflag.js';
import { veleroCommands, type ShellOptions } from './parse/shell.js';
import { subjectFromCommand } from './resolve.js';
import type { Subject, Suppression } from './spec.js';
import type { Version } from './version.js';
import { at as element, group } from './checked.js';
import { isOversized, yamlDocuments, type YamlDocument } from './yaml-documents.js';

export interface LintUnit {
  subject: Subject;
  /** For commands in files: the [start, end) offsets of the command in the file text. */
  span?: { start: number; end: number };
  /** False where a rewrite could break the surrounding syntax; `notWritable` then says why. */
  writable: boolean;
  /** Why --write leaves this command alone (shown to the user with the corrected command). */
  notWritable?: string;
  /** The YAML scalar the command sits in, when it is in YAML: how --write must encode the corrected command. */
  yamlStyle?: YamlScalarStyle;
  tokens?: Token[];
}

export type YamlScalarStyle = 'plain' | 'single-quoted' | 'double-quoted' | 'literal' | 'folded';

/**
 * The corrected command as it must be written into the unit's place in the file, or why it cannot be written
 * without changing what the YAML means. The corrected command is one line; inside a YAML scalar that is:
 * - literal (`|`) and folded (`>`) blocks: the line as it is (the block's indentation is kept before it, and a
 *   folded block reads a one-line command exactly as it read the command's lines joined by spaces);
 * - single-quoted: every `'` doubled, YAML's only escape there;
 * - double-quoted: as before, words left untouched keep their escapes and new words never hold `"` or `\`;
 * - plain: unchanged, unless the text would end the scalar (`: `, ` #`) or start another YAML node.
 */
export function encodeReplacement(unit: LintUnit, rendered: string): { text: string } | { refused: string } {
  if (!unit.writable) return { refused: unit.notWritable ?? 'this place cannot be rewritten safely' };
  switch (unit.yamlStyle) {
    case 'single-quoted':
      return { text: rendered.replaceAll("'", "''") };
    case 'double-quoted':
      return /["\\]/.test(rendered.replace(/\\./g, ''))
        ? { refused: 'the corrected command would need new escapes inside a double-quoted YAML string' }
        : { text: rendered };
    case 'plain':
      return /:\s|\s#|:$/.test(rendered) || /^[-?:,[\]{}#&*!|>'"%@`]/.test(rendered)
        ? { refused: 'the corrected command would end or change a plain YAML scalar (": ", " #")' }
        : { text: rendered };
    default:
      return { text: rendered };
  }
}

export type FileKind = 'shell' | 'makefile' | 'markdown' | 'yaml';

export function kindOfFile(path: string, text: string): FileKind | undefined {
  const base = path.split('/').pop() ?? path;
  if (/^(GNU)?makefile$/i.test(base) || base.endsWith('.mk')) return 'makefile';
  if (/\.(md|markdown)$/i.test(base)) return 'markdown';
  if (/\.ya?ml$/i.test(base)) return 'yaml';
  if (
    /\.(sh|bash|zsh|ksh)$/i.test(base) ||
    /^\.envrc$/.test(base) ||
    base.startsWith('Dockerfile') ||
    /^#!.*\b(ba|z|k|da)?sh\b/.test(text)
  )
    return 'shell';
  return undefined;
}

/** stdin has no name: YAML when it looks like YAML objects, shell otherwise. */
export function sniffKind(text: string): FileKind {
  return /^\s*(apiVersion|kind|schedules|configuration)\s*:/m.test(text) ? 'yaml' : 'shell';
}

/** The units of the velero commands in a shell text, each made as its command is read. */
function* commandUnits(
  text: string,
  offset: number,
  options: ShellOptions,
  version: Version,
  writable: boolean,
  yaml?: { style: YamlScalarStyle; notWritable?: string },
  problems?: ManifestProblem[],
): Generator<LintUnit> {
  const withErrors: ShellOptions = problems
    ? { ...options, onSyntaxError: (e) => problems.push({ message: e.message, location: e.loc }) }
    : options;
  for (const cmd of veleroCommands(text, withErrors)) {
    const parsed = parseVeleroArgv(cmd.tokens, { version });
    const subject = subjectFromCommand(parsed, cmd.loc);
    subject.suppressions = cmd.directives.map((d): Suppression => ({
      rules: d.rules,
      reason: d.reason,
      location: d.loc,
      via: 'comment',
    }));
    yield {
      subject,
      span: { start: offset + cmd.start, end: offset + cmd.end },
      writable: writable && yaml?.notWritable === undefined,
      ...(yaml ? { yamlStyle: yaml.style } : {}),
      ...(yaml?.notWritable !== undefined ? { notWritable: yaml.notWritable } : {}),
      tokens: cmd.tokens,
    };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

const SHELL_FENCES = new Set(['', 'sh', 'bash', 'shell', 'zsh', 'ksh', 'console', 'shell-session', 'shellsession']);

/** The units of a Markdown text, block by block. */
function* markdownUnits(
  text: string,
  file: string | undefined,
  version: Version,
  problems: ManifestProblem[],
): Generator<LintUnit> {
  const lines = text.split('\n');
  const starts = lineStarts(text);
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(element(lines, i));
    if (!open) continue;
    const fence = group(open, 2);
    const lang = group(open, 3).toLowerCase();
    let j = i + 1;
    while (j < lines.length && !element(lines, j).trimStart().startsWith(fence)) j++;
    const bodyStart = starts[i + 1] ?? text.length;
    const bodyEnd = j < lines.length ? element(starts, j) : text.length;
    const body = text.slice(bodyStart, bodyEnd);
    // Shell blocks and unlabelled ones are commands; any other language (text, output, console logs, json...)
    // is something else and never linted as commands, so output that quotes a velero command stays quiet.
    if (SHELL_FENCES.has(lang)) {
      // A console transcript: only prompt lines are commands; blank the prompt and the output (same length).
      const script =
        lang === 'console' || lang === 'shell-session'
          ? body
              .split('\n')
              .map((l) => (/^\s*\$ /.test(l) ? l.replace(/\$ /, '  ') : ' '.repeat(l.length)))
              .join('\n')
          : body;
      yield* commandUnits(
        script,
        bodyStart,
        { lineBase: i + 2, ...(file ? { file } : {}) },
        version,
        true,
        undefined,
        problems,
      );
    } else if (lang === 'yaml' || lang === 'yml') {
      const padded = '\n'.repeat(i + 1) + body;
      const r = subjectsFromYaml(padded, file);
      for (const subject of r.subjects) yield { subject, writable: false };
      problems.push(...r.problems);
    }
    i = j;
  }
}

const BLOCK = /^(\s*)(-\s+)?(?:([\w.-]+)\s*:\s*)?([|>])[-+0-9]*\s*(#.*)?$/;
const INLINE = /^(\s*(?:-\s+)?(?:[\w.-]+\s*:\s+)?)(.*\bvelero\b.*)$/;

/**
 * velero invocations inside YAML string values: `run: |` blocks and inline `run: velero ...` / `- velero ...`,
 * in one document of a file (its text, its first line and its offset in the file).
 */
function yamlCommandUnits(
  doc: YamlDocument,
  file: string | undefined,
  version: Version,
  problems: ManifestProblem[],
): LintUnit[] {
  const { text } = doc;
  if (!/\bvelero\b/.test(text)) return [];
  const lines = text.split('\n');
  const starts = lineStarts(text);
  const units: LintUnit[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = element(lines, i);
    const block = BLOCK.exec(line);
    if (block && (block[3] !== undefined || block[2] !== undefined)) {
      const keyIndent = group(block, 1).length + (block[2]?.length ?? 0);
      let j = i + 1;
      while (j < lines.length && (element(lines, j).trim() === '' || element(lines, j).search(/\S/) > keyIndent)) j++;
      const bodyStart = starts[i + 1] ?? text.length;
      const bodyEnd = j < lines.length ? element(starts, j) - 1 : text.length;
      if (bodyEnd > bodyStart) {
        let body = text.slice(bodyStart, bodyEnd);
        const folded = block[4] === '>';
        // A folded scalar joins lines with spaces; keep offsets by replacing newlines one for one.
        if (folded) body = body.replace(/\n(?=\s*\S)/g, ' ');
        // Folding keeps the newline before a more-indented line, which this one-for-one reading does not model:
        // such a block is read, never rewritten.
        const indents = new Set(
          text
            .slice(bodyStart, bodyEnd)
            .split('\n')
            .filter((l) => l.trim() !== '')
            .map((l) => l.search(/\S/)),
        );
        const yaml = folded
          ? {
              style: 'folded' as const,
              ...(indents.size > 1
                ? { notWritable: 'a folded (>) YAML block with more-indented lines, whose newlines folding keeps' }
                : {}),
            }
          : { style: 'literal' as const };
        units.push(
          ...commandUnits(
            body,
            doc.offset + bodyStart,
            { lineBase: doc.line + i + 1, ...(file ? { file } : {}) },
            version,
            true,
            yaml,
            problems,
          ),
        );
      }
      i = j - 1;
      continue;
    }
    const inline = INLINE.exec(line);
    if (!inline || /^\s*#/.test(line)) continue;
    let value = group(inline, 2);
    let at = element(starts, i) + group(inline, 1).length;
    let style: YamlScalarStyle = 'plain';
    let notWritable: string | undefined;
    const q = value[0];
    if ((q === '"' || q === "'") && value.trimEnd().endsWith(q) && value.trimEnd().length > 1) {
      value = value.trimEnd().slice(1, -1);
      at += 1;
      style = q === '"' ? 'double-quoted' : 'single-quoted';
      // YAML writes a quote inside a single-quoted string as '', which the shell would read as an empty word.
      if (q === "'" && value.includes("''")) notWritable = "a single-quoted YAML string holding an escaped quote ('')";
    } else if (/\s#/.test(value)) {
      // A plain scalar ends at " #": what follows is a YAML comment, not part of the command.
      value = value.slice(0, value.search(/\s#/));
    }
    if (value.startsWith('[') || value.startsWith('{')) continue;
    // One word (`namespace: velero`, `name: velero`) is a name, not a command line: without this every
    // manifest in Velero's namespace counted as a velero command.
    if (/^\S+$/.test(value.trim())) continue;
    units.push(
      ...commandUnits(
        value,
        doc.offset + at,
        { lineBase: doc.line + i, columnBase: at - element(starts, i), ...(file ? { file } : {}) },
        version,
        true,
        { style, ...(notWritable !== undefined ? { notWritable } : {}) },
        problems,
      ),
    );
  }
  return units;
}

/** The lint units of one document of a YAML file: the velero commands in its strings, then the manifest it is. */
export function unitsFromYamlDocument(
  doc: YamlDocument,
  file: string | undefined,
  version: Version,
): { units: LintUnit[]; problems: ManifestProblem[] } {
  const manifests = subjectsFromDocument(doc, file);
  const problems = [...manifests.problems];
  const units = yamlCommandUnits(doc, file, version, problems);
  for (const subject of manifests.subjects) units.push({ subject, writable: false });
  return { units, problems };
}

/**
 * The units of a whole text, each as soon as it is read (a caller that lints and drops them holds one at a time);
 * syntax errors go to `problems`.
 */
export function* unitsOfText(
  text: string,
  kind: FileKind,
  file: string | undefined,
  version: Version,
  problems: ManifestProblem[],
): Generator<LintUnit> {
  switch (kind) {
    case 'shell':
    case 'makefile':
      yield* commandUnits(
        text,
        0,
        { ...(kind === 'makefile' ? { makefile: true } : {}), ...(file ? { file } : {}) },
        version,
        true,
        undefined,
        problems,
      );
      return;
    case 'markdown':
      yield* markdownUnits(text, file, version, problems);
      return;
    case 'yaml':
      for (const doc of yamlDocuments([text])) {
        if (isOversized(doc)) continue;
        const r = unitsFromYamlDocument(doc, file, version);
        yield* r.units;
        problems.push(...r.problems);
      }
  }
}

export function unitsFromText(
  text: string,
  kind: FileKind,
  file: string | undefined,
  version: Version,
): { units: LintUnit[]; problems: ManifestProblem[] } {
  const problems: ManifestProblem[] = [];
  const units = [...unitsOfText(text, kind, file, version, problems)];
  return { units, problems };
}

export function unitFromArgv(argv: readonly string[], version: Version, suppressions: Suppression[] = []): LintUnit {
  const loc = (i: number): SourceLocation => ({ file: '<command line>', line: 1, column: i + 1 });
  const tokens: Token[] = argv.map((text, i) => ({ text, loc: loc(i) }));
  const parsed = parseVeleroArgv(tokens, { version });
  const subject = subjectFromCommand(parsed, loc(0));
  subject.suppressions = suppressions;
  return { subject, writable: false, tokens };
}
