/**
 * `velero-cm-preflight [options] -- velero <args...>` and `velero-cm-preflight [options] FILE|DIR|-...`: the
 * default command. Lints one command line or the command lines and manifests in files, optionally against the
 * live cluster (--cluster, read-only), prints the corrected command (--fix) or rewrites files (--fix --write).
 */
import { readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { PreflightConfig } from '../config.js';
import { lintSubjects, sortFindings } from '../engine.js';
import { fixTokens, renderTokens } from '../fix.js';
import { LintUnitKeeper } from '../lint-stream.js';
import type { Report } from '../format/report.js';
import { shellJoin } from '../parse/shell.js';
import { pluginImageRecogniser } from '../plugin.js';
import { withPolicyConfigMaps } from '../policy.js';
import type { Finding } from '../rules/types.js';
import type { LintContext, Subject } from '../spec.js';
import type { LintUnit } from '../sources.js';
import { at, present } from '../checked.js';
import type { Command } from './command.js';
import { argvUnit, readUnits, type ReadInputs } from './lint-inputs.js';
import { UsageError, type Options } from './options.js';
import { describeSystemError, InputError } from './errors.js';
import {
  clusterOptions,
  failingFindings,
  lintContext,
  loadConfig,
  makeReport,
  render,
  versionRangeWarning,
} from './report.js';

/** What a lint found, and the command line `run` executes (corrected when --fix). */
export interface LintOutcome {
  findings: Finding[];
  problems: Report['problems'];
  /** How many command lines and manifests were checked. */
  checked: number;
  argv?: string[];
}

/** Checks shared by lint and run. */
export function checkLintOptions(o: Options): void {
  if (o.write && !o.fix) throw new UsageError('--write only works with --fix');
  if (o.argv) checkVeleroCommand(o.argv);
  if (o.failIfNothingChecked && o.argv) throw new UsageError('--fail-if-nothing-checked only works with files');
  if ((o.context !== undefined || o.requestTimeoutMs !== undefined) && !o.cluster)
    throw new UsageError('--context and --request-timeout need --cluster (or doctor)');
}

const VELERO_COMMANDS = new Set([
  'backup',
  'restore',
  'schedule',
  'install',
  'uninstall',
  'plugin',
  'create',
  'get',
  'describe',
  'delete',
  'backup-location',
  'snapshot-location',
  'repo',
  'version',
  'client',
]);

/**
 * What follows `--` must be a velero command: anything else (a kubectl line, the whole command in one quoted
 * word, a command without `velero`) would otherwise be "checked" and reported clean while nothing was checked.
 */
function checkVeleroCommand(argv: readonly string[]): void {
  const [program = '', ...rest] = argv;
  if (argv.length === 0) throw new UsageError('nothing after --: expected velero <args...>');
  if (/(^|\/)velero$/.test(program)) return;
  const words = program.trim().split(/\s+/);
  if (/(^|\/)velero$/.test(words[0] ?? '') && words.length > 1)
    throw new UsageError(
      `the command after -- is one quoted word ("${program}"): give it unquoted, one argument per word, as in\n  velero-cm-preflight -- ${program.trim()}`,
    );
  if (VELERO_COMMANDS.has(program))
    throw new UsageError(
      `the command after -- must start with velero; did you mean\n  velero-cm-preflight -- ${shellJoin(['velero', ...argv])}`,
    );
  throw new UsageError(
    `velero-cm-preflight checks velero commands, and "${shellJoin([program, ...rest])}" is not one: put a velero command after --, as in\n  velero-cm-preflight -- velero backup create NAME --include-namespaces NS`,
  );
}

/**
 * Lints and prints the report: on stdout for lint (or, with --fix on a command line, the corrected command on
 * stdout and findings on stderr), on stderr for run, whose stdout belongs to velero.
 */
export async function lintAndReport(o: Options, mode: 'lint' | 'run'): Promise<LintOutcome> {
  const config = await loadConfig(o);
  const ctx = lintContext(o, config);
  // Cluster mode (lazy: the Kubernetes client loads only here) sets version, plugin and namespaces from the cluster.
  const explicit = {
    veleroVersion: !!(o.veleroVersion ?? config.veleroVersion),
    pluginInstalled: (o.pluginInstalled ?? config.pluginInstalled) !== undefined,
    clusterResourceNamespace: !!(o.clusterResourceNamespace ?? config.clusterResourceNamespace),
    veleroNamespace: !!(o.veleroNamespace ?? config.veleroNamespace),
  };
  const cluster = o.cluster
    ? await (await import('../cluster/session.js')).openClusterSession(clusterOptions(o), ctx, explicit)
    : undefined;
  if (cluster) Object.assign(ctx, cluster.ctx);
  const versionWarning = versionRangeWarning(ctx);
  if (versionWarning) process.stderr.write(`velero-cm-preflight: warning: ${versionWarning}\n`);

  let units: LintUnit[];
  let checked: number;
  let problems: Report['problems'] = [];
  let rewritable: ReadInputs['rewritable'] = new Map();
  // Units are linted as they are read and only those the report still needs are kept (lint-stream.ts).
  const read = async () => {
    const keeper = new LintUnitKeeper(ctx, config, !!cluster);
    const r = await readUnits(o.inputs, ctx, config, (u) => keeper.add(u));
    return { units: keeper.kept, checked: keeper.checked, problems: r.problems, rewritable: r.rewritable };
  };
  if (o.argv) {
    if (o.inputs.length) throw new UsageError('give either files or a command after --, not both');
    units = [argvUnit(o.argv, ctx)];
    checked = 1;
  } else {
    if (o.inputs.length === 0) throw new UsageError('nothing to check: give a command after -- or files (see --help)');
    ({ units, checked, problems, rewritable } = await read());
  }
  if (
    o.pluginInstalled === undefined &&
    config.pluginInstalled === undefined &&
    pluginSeen(
      units.map((u) => u.subject),
      pluginImageRecogniser(ctx.pluginImages),
    )
  )
    ctx.pluginInstalled = true;

  // Cluster mode reads the live objects first, so a Backup naming a resource policy that exists only in the
  // cluster is checked against it (a ConfigMap among the files still wins).
  const live = cluster ? await cluster.liveUnits() : [];
  const lintCtx = withPolicyConfigMaps(
    ctx,
    live.map((u) => u.subject),
  );
  let findings = lintSubjects(
    units.map((u) => u.subject),
    lintCtx,
    config,
  );
  const out: string[] = [];
  let runArgv = o.argv;

  if (o.fix && o.argv) {
    const fixed = fixTokens(present(at(units, 0).tokens, 'the command line tokens'), ctx, config);
    runArgv = fixed.tokens.map((t) => t.text);
    const fixedUnit = argvUnit(runArgv, ctx);
    units = [fixedUnit];
    findings = lintSubjects([fixedUnit.subject], lintCtx, config);
    if (mode === 'lint') out.push(shellJoin(runArgv));
  } else if (o.fix && o.write) {
    const notWritten = await rewriteFiles(units, rewritable, ctx, config);
    ({ units, checked, problems } = await read());
    problems.push(...notWritten);
    findings = lintSubjects(
      units.map((u) => u.subject),
      lintCtx,
      config,
    );
  }
  if (cluster) {
    units.push(...live);
    checked += live.length;
    findings.push(
      ...lintSubjects(
        live.map((u) => u.subject),
        ctx,
        config,
      ),
      ...cluster.findings(
        units.map((u) => u.subject),
        config,
      ),
    );
  }
  attachReplacements(units, findings, ctx, config);
  await attachManifestFixYaml(findings);
  const report = makeReport(o, ctx, sortFindings(findings), checked, problems);
  const rendered = await render(report, o);
  if (checked === 0 && problems.length === 0)
    process.stderr.write(
      `velero-cm-preflight: nothing checked: no velero command line or Velero manifest in ${o.inputs.join(', ')}${o.failIfNothingChecked ? '' : ' (--fail-if-nothing-checked makes this an error)'}\n`,
    );
  if (o.output) writeReport(o.output, rendered);
  else if (o.fix && o.argv && mode === 'lint') {
    process.stdout.write(out.join('\n') + '\n');
    if (findings.length) process.stderr.write(rendered);
  } else if (mode === 'run') process.stderr.write(rendered);
  else process.stdout.write(rendered);
  return { findings, problems, checked, ...(runArgv ? { argv: runArgv } : {}) };
}

/**
 * Writes the new text beside the file and renames it over the file (through a symlink, onto its target), with
 * the file's mode: a failure (permission, full disk) leaves the old file whole instead of half written.
 */
function replaceFile(file: string, text: string): void {
  const target = realpathSync(file);
  const temporary = `${target}.velero-cm-preflight-${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, { mode: statSync(target).mode & 0o7777, flag: 'wx' });
    renameSync(temporary, target);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
}

function writeReport(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw new InputError(`cannot write the report to ${path}: ${describeSystemError(err)}`);
  }
}

/** --fix --write: rewrites each fixable command in its file, refusing any rewrite that would change its meaning. */
async function rewriteFiles(
  units: readonly LintUnit[],
  rewritable: ReadInputs['rewritable'],
  ctx: LintContext,
  config: PreflightConfig,
): Promise<Report['problems']> {
  const notWritten: Report['problems'] = [];
  const byFile = new Map<string, { start: number; end: number; text: string }[]>();
  const { encodeReplacement } = await import('../sources.js');
  for (const u of units) {
    const file = u.subject.location.file;
    if (!u.tokens || !u.span || !file || !rewritable.has(file)) continue;
    const fixed = fixTokens(u.tokens, ctx, config, u.subject.suppressions);
    if (fixed.applied.length === 0) continue;
    const rendered = renderTokens(fixed.tokens);
    const encoded = encodeReplacement(u, rendered);
    if ('refused' in encoded) {
      // Never a rewrite that changes what the file means: say where, why, and what to write by hand.
      process.stderr.write(
        `velero-cm-preflight: not rewritten: ${file}:${u.subject.location.line}: ${encoded.refused}; fix it by hand: ${rendered}\n`,
      );
      continue;
    }
    const list = byFile.get(file) ?? [];
    list.push({ ...u.span, text: encoded.text });
    byFile.set(file, list);
  }
  for (const [file, edits] of byFile) {
    const count = `${edits.length} command${edits.length === 1 ? '' : 's'}`;
    try {
      // Read again rather than held since the lint: the offsets are valid only for the text then read.
      let text = readFileSync(file, 'utf8');
      if (text.length !== rewritable.get(file)) {
        notWritten.push({ message: `not rewritten: ${file} changed while it was checked (${count} to fix)` });
        continue;
      }
      for (const e of [...edits].sort((a, b) => b.start - a.start))
        text = text.slice(0, e.start) + e.text + text.slice(e.end);
      replaceFile(file, text);
    } catch (err) {
      // The file is left as it was; the report lists it and the exit code is 2.
      notWritten.push({ message: `not rewritten: ${file}: ${describeSystemError(err)} (${count} to fix)` });
      continue;
    }
    process.stderr.write(`velero-cm-preflight: rewrote ${count} in ${file}\n`);
  }
  return notWritten;
}

function pluginSeen(subjects: readonly Subject[], isOurs: (image: string) => boolean): boolean {
  return subjects.some(
    (s) =>
      s.kind === 'plugin-config' ||
      (s.install?.plugins ?? []).some(isOurs) ||
      (s.kind === 'plugin-add' && !!s.pluginImage && isOurs(s.pluginImage)),
  );
}

/**
 * Findings carry the whole corrected command so a user can paste one line. Findings are matched to their
 * command through an index of its token locations (not a scan of every unit per finding, which made long
 * scripts quadratic); where two commands share a location the later one wins.
 */
function attachReplacements(
  units: readonly LintUnit[],
  findings: readonly Finding[],
  ctx: LintContext,
  config: PreflightConfig,
): void {
  const replacementAt = new Map<string, string>();
  for (const u of units) {
    if (!u.tokens || u.subject.origin !== 'command') continue;
    const fixed = fixTokens(u.tokens, ctx, config, u.subject.suppressions);
    if (!fixed.applied.length) continue;
    const repl = renderTokens(fixed.tokens);
    for (const loc of unitLocations(u)) replacementAt.set(locationKey(loc), repl);
  }
  for (const f of findings) {
    const repl = f.fix?.edits ? replacementAt.get(locationKey(f.location)) : undefined;
    if (f.fix && repl !== undefined) f.fix.replacement = repl;
  }
}

/**
 * A manifest object's merged fix is its fixed spec, printed as YAML. Only manifests have one, so js-yaml (already
 * loaded to read them) is imported here rather than by the engine, which an offline command lint also loads.
 */
async function attachManifestFixYaml(findings: readonly Finding[]): Promise<void> {
  if (!findings.some((f) => f.fix?.fixedSpec)) return;
  const { specYaml } = await import('../manifests.js');
  const rendered = new Map<object, string>();
  for (const f of findings) {
    const spec = f.fix?.fixedSpec;
    if (!f.fix || !spec) continue;
    let text = rendered.get(spec);
    if (text === undefined) rendered.set(spec, (text = specYaml(spec.path, spec.value)));
    f.fix.replacement = text;
  }
}

interface Location {
  file?: string | undefined;
  line: number;
  column: number;
}

/** Where a finding of this command can be located: each of its tokens, and the command itself. */
function unitLocations(u: LintUnit): Location[] {
  const s = u.subject.location;
  const locations: Location[] = [];
  for (const t of u.tokens ?? []) if (t.loc) locations.push({ file: s.file, line: t.loc.line, column: t.loc.column });
  locations.push(s);
  return locations;
}

function locationKey(loc: Location): string {
  return `${loc.file ?? ''}\u0000${String(loc.line)}:${String(loc.column)}`;
}

export const lintCommand: Command = {
  name: 'lint',
  synopsis: [
    'velero-cm-preflight [options] -- velero <args...>        lint one command line',
    'velero-cm-preflight [options] FILE|DIR|- ...             lint scripts, Makefiles, CI YAML, Markdown, manifests',
    'velero-cm-preflight --cluster [--context C] [options] -- velero ...   (or FILE...)\n' +
      '                                                          also check against the live cluster (read-only)',
  ],
  check: checkLintOptions,
  async run(o) {
    const { findings, problems, checked } = await lintAndReport(o, 'lint');
    if (problems.length) return 2;
    if (checked === 0 && o.failIfNothingChecked) return 2;
    return failingFindings(findings, o).length ? 1 : 0;
  },
};
