#!/usr/bin/env node
/**
 * velero-cm-preflight: lint, explain and fix velero command lines and manifests for cert-manager.
 * Offline: nothing here imports a Kubernetes client or gRPC; YAML, formatters and docs load lazily so
 * linting one command line starts fast.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, CONFIG_FILE, isIgnoredPath, type PreflightConfig } from './config.js';
import { atOrAbove, lintSubjects, sortFindings } from './engine.js';
import { fixTokens, renderTokens } from './fix.js';
import { parseVeleroArgv, type SourceLocation, type Token } from './parse/pflag.js';
import { shellJoin, shellQuote } from './parse/shell.js';
import { isOurPluginImage } from './plugin.js';
import { withPolicyConfigMaps } from './policy.js';
import { subjectFromCommand } from './resolve.js';
import { findRule, RULES } from './rules/index.js';
import type { Finding, Severity } from './rules/types.js';
import type { LintContext, Subject } from './spec.js';
import type { LintUnit } from './sources.js';
import type { Report } from './format/report.js';
import { NEWEST_KNOWN_VELERO, formatVersion, parseVersion } from './version.js';
import { veleroNamespaceContext } from './velero-namespace.js';
import { at, present } from './checked.js';
import { VERSION } from '../version.js';
import type * as DoctorCommand from './doctor/command.js';

const USAGE = `velero-cm-preflight: check velero command lines and manifests for cert-manager before they run

Usage:
  velero-cm-preflight [options] -- velero <args...>        lint one command line
  velero-cm-preflight [options] FILE|DIR|- ...             lint scripts, Makefiles, CI YAML, Markdown, manifests
  velero-cm-preflight run [--fix] [options] -- velero ...  lint, then exec velero (no shell) if clean
  velero-cm-preflight --explain RULE | --list-rules
  velero-cm-preflight --cluster [--context C] [options] -- velero ...   (or FILE...)
                                                          also check against the live cluster (read-only)
  velero-cm-preflight audit [options] BACKUP.tar.gz...    what a downloaded backup restores for cert-manager
  velero-cm-preflight doctor [--context C] [--namespace NS]... [--apply [--yes]]
                                                          find restore damage in the live cluster; --apply runs
                                                          the printed kubectl commands after a confirmation

Options:
  --format text|json|sarif|junit   output format (default text)
  --output FILE                    write the report to FILE instead of stdout
  --fail-on error|warning|info|never
                                   exit 1 when a finding is at or above this (default warning)
  --fix                            print the corrected command line; with files, show corrected commands
  --write                          with --fix and files: rewrite the files in place
  --velero-version X.Y.Z           Velero version to check against (default ${NEWEST_KNOWN_VELERO})
  --plugin-installed               velero-plugin-for-cert-manager is installed: what it handles drops to info
  --velero-namespace NS            namespace Velero runs in (default velero)
  --cluster-resource-namespace NS  cert-manager's cluster resource namespace (default cert-manager)
  --config FILE                    config file (default ./${CONFIG_FILE} when present)
  --cluster                        read the live cluster (current kubeconfig context): Velero version, plugin,
                                   cert-manager objects; name what the command would leave out
  --context NAME                   kubeconfig context for --cluster and doctor
  --request-timeout SECONDS        upper bound of each API request (default 15)
  --apply, --yes                   doctor: run the printed fix commands (--yes: without asking)
  --namespace NS[,NS...]           doctor: only objects in these namespaces (repeatable); findings about
                                   cluster-scoped objects (ClusterIssuers) are still shown
  --color, --no-color              force or disable colour (default: colour on a terminal)
  -h, --help                       this help
  --version                        print the version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or input errors.
Rules: --list-rules; docs/rules/ in the repository.
`;

class UsageError extends Error {}

interface Options {
  mode: 'lint' | 'run' | 'audit' | 'doctor';
  cluster: boolean;
  context?: string;
  requestTimeoutMs?: number;
  apply: boolean;
  yes: boolean;
  format: 'text' | 'json' | 'sarif' | 'junit';
  output?: string;
  failOn: Severity | 'never';
  fix: boolean;
  write: boolean;
  veleroVersion?: string;
  pluginInstalled?: boolean;
  veleroNamespace?: string;
  clusterResourceNamespace?: string;
  config?: string;
  color?: boolean;
  explain?: string;
  listRules: boolean;
  help: boolean;
  version: boolean;
  inputs: string[];
  argv?: string[];
  /** doctor --namespace, in the order given, each once. */
  namespaces?: string[];
}

/** Options whose value is stored as written, each with the field it fills. */
const VALUE_OPTIONS = {
  '--output': 'output',
  '-o': 'output',
  '--velero-version': 'veleroVersion',
  '--velero-namespace': 'veleroNamespace',
  '--cluster-resource-namespace': 'clusterResourceNamespace',
  '--config': 'config',
  '--explain': 'explain',
  '--context': 'context',
} as const satisfies Record<string, keyof Options>;

/** Options without a value, each with the field it sets and to what (an inline `=value` is ignored). */
const SWITCH_OPTIONS = {
  '--fix': ['fix', true],
  '--write': ['write', true],
  '--color': ['color', true],
  '--no-color': ['color', false],
  '--list-rules': ['listRules', true],
  '--cluster': ['cluster', true],
  '--apply': ['apply', true],
  '--yes': ['yes', true],
  '-y': ['yes', true],
  '-h': ['help', true],
  '--help': ['help', true],
  '--version': ['version', true],
} as const satisfies Record<string, readonly [keyof Options, boolean]>;

function isOptionIn<Table extends object>(table: Table, name: string): name is Extract<keyof Table, string> {
  return Object.hasOwn(table, name);
}

function parseOptions(args: string[]): Options {
  const o: Options = {
    mode: 'lint',
    cluster: false,
    apply: false,
    yes: false,
    format: 'text',
    failOn: 'warning',
    fix: false,
    write: false,
    listRules: false,
    help: false,
    version: false,
    inputs: [],
  };
  let i = 0;
  if (args[0] === 'run' || args[0] === 'audit' || args[0] === 'doctor') {
    o.mode = args[0];
    i = 1;
  }
  const value = (name: string, inline: string | undefined): string => {
    if (inline !== undefined) return inline;
    const v = args[++i];
    if (v === undefined) throw new UsageError(`${name} needs a value`);
    return v;
  };
  for (; i < args.length; i++) {
    const arg = at(args, i);
    if (arg === '--') {
      o.argv = args.slice(i + 1);
      break;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (isOptionIn(VALUE_OPTIONS, name)) {
      o[VALUE_OPTIONS[name]] = value(name, inline);
      continue;
    }
    if (isOptionIn(SWITCH_OPTIONS, name)) {
      const [field, setting] = SWITCH_OPTIONS[name];
      o[field] = setting;
      continue;
    }
    switch (name) {
      case '--format': {
        const f = value(name, inline);
        if (!['text', 'json', 'sarif', 'junit'].includes(f))
          throw new UsageError(`--format must be text, json, sarif or junit, not "${f}"`);
        o.format = f as Options['format'];
        break;
      }
      case '--fail-on': {
        const f = value(name, inline);
        if (!['error', 'warning', 'info', 'never'].includes(f))
          throw new UsageError(`--fail-on must be error, warning, info or never, not "${f}"`);
        o.failOn = f as Options['failOn'];
        break;
      }
      case '--plugin-installed':
        o.pluginInstalled = inline === undefined ? true : inline !== 'false';
        break;
      case '--namespace': {
        const names = value(name, inline)
          .split(',')
          .map((n) => n.trim());
        const bad = names.find((n) => !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(n));
        if (bad !== undefined)
          throw new UsageError(
            `--namespace: "${bad}" is not a namespace name (lower-case letters, digits and '-', at most 63)`,
          );
        o.namespaces = [...new Set([...(o.namespaces ?? []), ...names])];
        break;
      }
      case '--request-timeout': {
        const seconds = Number(value(name, inline));
        if (!(seconds > 0 && seconds <= 600))
          throw new UsageError('--request-timeout must be a number of seconds between 0 and 600');
        o.requestTimeoutMs = Math.round(seconds * 1000);
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-')
          throw new UsageError(`unknown option ${arg} (velero's own arguments go after --)`);
        o.inputs.push(arg);
    }
  }
  if (o.mode === 'run' && (!o.argv || o.inputs.length))
    throw new UsageError('run needs the velero command after --: velero-cm-preflight run -- velero backup create ...');
  if (o.write && !o.fix) throw new UsageError('--write only works with --fix');
  if ((o.apply || o.yes) && o.mode !== 'doctor') throw new UsageError('--apply and --yes only work with doctor');
  if (o.namespaces && o.mode !== 'doctor')
    throw new UsageError(
      "--namespace only works with doctor (velero's own -n/--namespace goes after --, with the velero command)",
    );
  if ((o.context !== undefined || o.requestTimeoutMs !== undefined) && !o.cluster && o.mode !== 'doctor')
    throw new UsageError('--context and --request-timeout need --cluster (or doctor)');
  if (o.cluster && (o.mode === 'audit' || o.mode === 'doctor'))
    throw new UsageError(`--cluster does not apply to ${o.mode}`);
  if (o.fix && (o.mode === 'audit' || o.mode === 'doctor'))
    throw new UsageError(`--fix does not apply to ${o.mode}${o.mode === 'doctor' ? ' (use --apply)' : ''}`);
  return o;
}

async function loadConfig(o: Options): Promise<PreflightConfig> {
  const path = o.config ?? (existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
  if (!path) return { rules: {}, ignorePaths: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config ${path}: ${(err as Error).message}`);
  }
  const [{ default: yaml }, { configFromYaml }] = await Promise.all([import('js-yaml'), import('./config.js')]);
  let value: unknown;
  try {
    value = yaml.load(text);
  } catch (err) {
    throw new ConfigError(`${path}: ${(err as Error).message.split('\n')[0]}`);
  }
  const config = configFromYaml(value, path);
  for (const rule of Object.keys(config.rules))
    if (!findRule(rule)) throw new ConfigError(`${path}: rules.${rule}: no such rule (see --list-rules)`);
  return config;
}

/** Columns of an argv as it reads joined for a shell, so locations point into the printed command. */
function argvUnit(argv: readonly string[], ctx: LintContext): LintUnit {
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

const SKIP_DIRS = new Set(['.git', 'node_modules', 'dist', '.cache']);

async function collectUnits(inputs: string[], ctx: LintContext, config: PreflightConfig) {
  const sources = await import('./sources.js');
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
      problems.push({
        message: `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      });
      return;
    }
    if (st.isDirectory()) {
      for (const entry of readdirSync(path).sort())
        if (!SKIP_DIRS.has(entry)) visit(join(path, entry), false, depth + 1);
      return;
    }
    if (!st.isFile() || st.size > 20_000_000) return;
    if (explicit && isIgnoredPath(path, config)) return;
    const text = readFileSync(path, 'utf8');
    const kind = sources.kindOfFile(path, text.slice(0, 200)) ?? (explicit ? sources.sniffKind(text) : undefined);
    if (!kind) return;
    texts.set(path, text);
    const r = sources.unitsFromText(text, kind, path, ctx.veleroVersion);
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

function pluginSeen(subjects: readonly Subject[]): boolean {
  return subjects.some(
    (s) =>
      s.kind === 'plugin-config' ||
      (s.install?.plugins ?? []).some(isOurPluginImage) ||
      (s.kind === 'plugin-add' && !!s.pluginImage && isOurPluginImage(s.pluginImage)),
  );
}

/** Attaches the corrected command line to the fixable findings of each command unit. */
function attachReplacements(
  units: readonly LintUnit[],
  findings: Finding[],
  ctx: LintContext,
  config: PreflightConfig,
) {
  const bySubject = new Map<Subject, string>();
  for (const u of units) {
    if (!u.tokens || u.subject.origin !== 'command') continue;
    const fixed = fixTokens(u.tokens, ctx, config, u.subject.suppressions);
    if (fixed.applied.length) bySubject.set(u.subject, renderTokens(fixed.tokens));
  }
  return bySubject;
}

async function render(report: Report, o: Options): Promise<string> {
  switch (o.format) {
    case 'json':
      return (await import('./format/json.js')).formatJson(report);
    case 'sarif':
      return (await import('./format/sarif.js')).formatSarif(report);
    case 'junit':
      return (await import('./format/junit.js')).formatJunit(report, o.failOn);
    default: {
      const colour = o.color ?? (!o.output && isTerminal(process.stdout) && !process.env.NO_COLOR);
      return (await import('./format/text.js')).formatText(report, colour);
    }
  }
}

async function main(args: string[]): Promise<number> {
  const o = parseOptions(args);
  if (o.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (o.version) {
    process.stdout.write(`velero-cm-preflight ${VERSION} (rules for Velero up to ${NEWEST_KNOWN_VELERO})\n`);
    return 0;
  }
  if (o.listRules) {
    for (const r of RULES)
      process.stdout.write(
        `${r.meta.id}  ${r.meta.severity.padEnd(7)}  ${r.meta.name}${r.meta.plugin ? '  [plugin handles]' : ''}\n    ${r.meta.summary}\n`,
      );
    return 0;
  }
  if (o.explain !== undefined) {
    const rule = findRule(o.explain);
    if (!rule) throw new UsageError(`no rule "${o.explain}" (see --list-rules)`);
    process.stdout.write((await import('./docs.js')).renderRuleDoc(rule));
    return 0;
  }
  const config = await loadConfig(o);
  const versionText = o.veleroVersion ?? config.veleroVersion ?? NEWEST_KNOWN_VELERO;
  const version = parseVersion(versionText);
  if (!version) throw new UsageError(`--velero-version "${versionText}" is not a version such as 1.18.1`);
  const ctx: LintContext = {
    veleroVersion: version,
    pluginInstalled: o.pluginInstalled ?? config.pluginInstalled ?? false,
    ...veleroNamespaceContext(o.veleroNamespace ?? config.veleroNamespace),
    clusterResourceNamespace: o.clusterResourceNamespace ?? config.clusterResourceNamespace ?? 'cert-manager',
  };
  if (o.mode === 'audit' || o.mode === 'doctor') return liveCommand(o, ctx, config);
  // Cluster mode (lazy: the Kubernetes client loads only here) sets version, plugin and namespaces from the cluster.
  const explicit = {
    veleroVersion: !!(o.veleroVersion ?? config.veleroVersion),
    pluginInstalled: (o.pluginInstalled ?? config.pluginInstalled) !== undefined,
    clusterResourceNamespace: !!(o.clusterResourceNamespace ?? config.clusterResourceNamespace),
    veleroNamespace: !!(o.veleroNamespace ?? config.veleroNamespace),
  };
  const cluster = o.cluster
    ? await (await import('./cluster/session.js')).openClusterSession(clusterOptions(o), ctx, explicit)
    : undefined;
  if (cluster) Object.assign(ctx, cluster.ctx);

  let units: LintUnit[];
  let problems: Report['problems'] = [];
  let texts = new Map<string, string>();
  if (o.argv) {
    if (o.inputs.length) throw new UsageError('give either files or a command after --, not both');
    if (o.argv.length === 0) throw new UsageError('nothing after --: expected velero <args...>');
    units = [argvUnit(o.argv, ctx)];
  } else {
    if (o.inputs.length === 0) throw new UsageError('nothing to check: give a command after -- or files (see --help)');
    ({ units, problems, texts } = await collectUnits(o.inputs, ctx, config));
  }
  if (
    o.pluginInstalled === undefined &&
    config.pluginInstalled === undefined &&
    pluginSeen(units.map((u) => u.subject))
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
    if (o.mode === 'lint') out.push(shellJoin(runArgv));
  } else if (o.fix && o.write) {
    const byFile = new Map<string, { start: number; end: number; text: string }[]>();
    const { encodeReplacement } = await import('./sources.js');
    for (const u of units) {
      const file = u.subject.location.file;
      if (!u.tokens || !u.span || !file || !texts.has(file)) continue;
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
      let text = present(texts.get(file), `the text of ${file}`);
      for (const e of [...edits].sort((a, b) => b.start - a.start))
        text = text.slice(0, e.start) + e.text + text.slice(e.end);
      writeFileSync(file, text);
      process.stderr.write(
        `velero-cm-preflight: rewrote ${edits.length} command${edits.length === 1 ? '' : 's'} in ${file}\n`,
      );
    }
    ({ units, problems } = await collectUnits(o.inputs, ctx, config));
    findings = lintSubjects(
      units.map((u) => u.subject),
      lintCtx,
      config,
    );
  }
  if (cluster) {
    units.push(...live);
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
  const replacements = attachReplacements(units, findings, ctx, config);
  // Findings carry the whole corrected command so a user can paste one line. Findings are matched to their
  // command through an index of its token locations (not a scan of every unit per finding, which made long
  // scripts quadratic); where two commands share a location the later one wins, as before.
  const replacementAt = new Map<string, string>();
  for (const u of units) {
    const repl = replacements.get(u.subject);
    if (!repl) continue;
    for (const loc of unitLocations(u)) replacementAt.set(locationKey(loc), repl);
  }
  for (const f of findings) {
    const repl = f.fix?.edits ? replacementAt.get(locationKey(f.location)) : undefined;
    if (f.fix && repl !== undefined) f.fix.replacement = repl;
  }
  const report = makeReport(o, ctx, sortFindings(findings), units.length, problems);
  const rendered = await render(report, o);
  if (o.output) writeFileSync(o.output, rendered);
  else if (o.fix && o.argv && o.mode === 'lint') {
    process.stdout.write(out.join('\n') + '\n');
    if (findings.length) process.stderr.write(rendered);
  } else if (o.mode === 'run') process.stderr.write(rendered);
  else process.stdout.write(rendered);

  if (problems.length) return 2;
  const failing = o.failOn === 'never' ? [] : atOrAbove(findings, o.failOn);
  if (o.mode === 'run') {
    if (failing.length) {
      process.stderr.write(
        `velero-cm-preflight: not running velero: ${failing.length} finding${failing.length === 1 ? '' : 's'} at or above ${o.failOn}\n`,
      );
      return 1;
    }
    const command = present(runArgv, 'the command to run');
    const [program, ...rest] = command;
    const bin =
      program === 'velero' ? (process.env.VELERO_CM_PREFLIGHT_VELERO ?? 'velero') : present(program, 'the program');
    process.stderr.write(`velero-cm-preflight: running ${shellJoin(command)}\n`);
    const child = spawnSync(bin, rest, { stdio: 'inherit', shell: false });
    if (child.error) {
      process.stderr.write(`velero-cm-preflight: cannot run ${bin}: ${child.error.message}\n`);
      return 2;
    }
    return child.status ?? 1;
  }
  return failing.length ? 1 : 0;
}

function clusterOptions(o: Options) {
  return {
    ...(o.context !== undefined ? { context: o.context } : {}),
    ...(o.requestTimeoutMs !== undefined ? { requestTimeoutMs: o.requestTimeoutMs } : {}),
    // The progress line goes to stderr, only on a terminal and only with text output.
    progress: o.format === 'text' && isTerminal(process.stderr),
  };
}

/** The report every mode prints: this tool, what it checked against, and what it found. */
function makeReport(
  o: Options,
  ctx: LintContext,
  findings: Finding[],
  checked: number,
  problems: Report['problems'],
): Report {
  return {
    tool: { name: 'velero-cm-preflight', version: VERSION },
    context: {
      veleroVersion: formatVersion(ctx.veleroVersion),
      pluginInstalled: ctx.pluginInstalled,
      failOn: o.failOn,
    },
    findings,
    checked,
    problems,
  };
}

/** `audit` and `doctor`: findings from a backup tarball or the live cluster, in the lint's formats and exit codes. */
async function liveCommand(o: Options, ctx: LintContext, config: PreflightConfig): Promise<number> {
  let findings: Finding[];
  let problems: Report['problems'] = [];
  let checked: number;
  let commands: string[][] = [];
  let doctor: typeof DoctorCommand | undefined;
  if (o.mode === 'audit') {
    if (o.argv || o.inputs.length === 0)
      throw new UsageError(
        'audit needs backup files: velero backup download NAME, then velero-cm-preflight audit NAME-data.tar.gz',
      );
    ({ findings, problems, checked } = (await import('./audit/command.js')).runAudit(o.inputs, ctx, config));
  } else {
    if (o.argv || o.inputs.length) throw new UsageError('doctor takes no files or command line');
    doctor = await import('./doctor/command.js');
    const run = await doctor.runDoctor(
      {
        ...clusterOptions(o),
        clusterResourceNamespaceExplicit: !!(o.clusterResourceNamespace ?? config.clusterResourceNamespace),
        ...(o.namespaces ? { namespaces: o.namespaces } : {}),
      },
      ctx,
      config,
    );
    ({ findings, checked } = run);
    Object.assign(ctx, run.ctx);
    commands = doctor.fixCommands(run.findings);
  }
  const report = makeReport(o, ctx, findings, checked, problems);
  const rendered = await render(report, o);
  if (o.output) writeFileSync(o.output, rendered);
  else process.stdout.write(rendered);
  if (problems.length) return 2;
  const failing = o.failOn === 'never' ? [] : atOrAbove(findings, o.failOn);
  if (!doctor || commands.length === 0) return failing.length ? 1 : 0;
  if (!o.apply) {
    process.stderr.write(
      `velero-cm-preflight: ${commands.length} fix command${commands.length === 1 ? '' : 's'} printed above; run them with doctor --apply\n`,
    );
    return failing.length ? 1 : 0;
  }
  const applied = await doctor.applyCommands(commands, o.yes, (line) => process.stderr.write(`${line}\n`));
  if (applied.refused) {
    process.stderr.write(`velero-cm-preflight: nothing applied: ${applied.refused}\n`);
    return failing.length ? 1 : 0;
  }
  process.stderr.write(
    `velero-cm-preflight: ran ${applied.ran} command${applied.ran === 1 ? '' : 's'}, ${applied.failed} failed\n`,
  );
  // What the commands cannot fix (missing Secrets) still counts.
  const unfixed = failing.filter((f) => !(f as { commands?: unknown }).commands);
  return applied.failed || unfixed.length ? 1 : 0;
}

/** Where a finding of this command can be located: each of its tokens, and the command itself. */
function unitLocations(u: LintUnit): { file?: string | undefined; line: number; column: number }[] {
  const s = u.subject.location;
  const locations: { file?: string | undefined; line: number; column: number }[] = [];
  for (const t of u.tokens ?? []) if (t.loc) locations.push({ file: s.file, line: t.loc.line, column: t.loc.column });
  locations.push(s);
  return locations;
}

function locationKey(loc: { file?: string | undefined; line: number; column: number }): string {
  return `${loc.file ?? ''}\u0000${String(loc.line)}:${String(loc.column)}`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // ClusterAccessError (cluster mode, doctor) is matched by name: this module does not import the Kubernetes layer.
    if (
      err instanceof UsageError ||
      err instanceof ConfigError ||
      (err as Error | undefined)?.name === 'ClusterAccessError'
    ) {
      process.stderr.write(`velero-cm-preflight: ${(err as Error).message}\n`);
      if (err instanceof UsageError) process.stderr.write('Run velero-cm-preflight --help for usage.\n');
    } else process.stderr.write(`velero-cm-preflight: internal error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 2;
  },
);

/** Whether `stream` is a terminal: Node leaves `isTTY` undefined on pipes and files, though its type says boolean. */
function isTerminal(stream: { isTTY?: boolean }): boolean {
  return stream.isTTY === true;
}
