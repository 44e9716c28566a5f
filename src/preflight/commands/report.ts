/**
 * What the reporting commands (lint, run, audit, doctor) share: the configuration file, the lint context built
 * from options and configuration, and the report in the chosen format. Formatters, YAML and docs load lazily.
 */
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError, CONFIG_FILE, type PreflightConfig } from '../config.js';
import { atOrAbove } from '../engine.js';
import type { Report } from '../format/report.js';
import { findRule } from '../rules/index.js';
import type { Finding } from '../rules/types.js';
import type { LintContext } from '../spec.js';
import {
  formatVersion,
  NEWEST_KNOWN_VELERO,
  OLDEST_SUPPORTED_VELERO,
  parseVersion,
  versionAtLeast,
} from '../version.js';
import { veleroNamespaceContext } from '../velero-namespace.js';
import { VERSION } from '../../version.js';
import { describeSystemError } from './errors.js';
import { UsageError, type Options } from './options.js';
import { isTerminal } from './terminal.js';

export async function loadConfig(o: Options): Promise<PreflightConfig> {
  const path = o.config ?? (existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
  if (!path) return { rules: {}, ignorePaths: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config ${path}: ${describeSystemError(err)}`);
  }
  const [{ default: yaml }, { configFromYaml }] = await Promise.all([import('js-yaml'), import('../config.js')]);
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

/** What the rules check against: options first, then the configuration file, then the defaults. */
export function lintContext(o: Options, config: PreflightConfig): LintContext {
  const versionText = o.veleroVersion ?? config.veleroVersion ?? NEWEST_KNOWN_VELERO;
  const version = parseVersion(versionText);
  if (!version) throw new UsageError(`--velero-version "${versionText}" is not a version such as 1.18.1`);
  const pluginImages = [...(o.pluginImages ?? []), ...(config.pluginImages ?? [])];
  return {
    veleroVersion: version,
    ...(pluginImages.length ? { pluginImages } : {}),
    pluginInstalled: o.pluginInstalled ?? config.pluginInstalled ?? false,
    ...veleroNamespaceContext(o.veleroNamespace ?? config.veleroNamespace),
    clusterResourceNamespace: o.clusterResourceNamespace ?? config.clusterResourceNamespace ?? 'cert-manager',
  };
}

/** The report every reporting command prints: this tool, what it checked against, and what it found. */
export function makeReport(
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

export async function render(report: Report, o: Options): Promise<string> {
  switch (o.format) {
    case 'json':
      return (await import('../format/json.js')).formatJson(report);
    case 'sarif':
      return (await import('../format/sarif.js')).formatSarif(report);
    case 'junit':
      return (await import('../format/junit.js')).formatJunit(report, o.failOn);
    default: {
      const colour = o.color ?? (!o.output && isTerminal(process.stdout) && !process.env.NO_COLOR);
      return (await import('../format/text.js')).formatText(report, colour);
    }
  }
}

/**
 * A warning on stderr when --velero-version (or the config's) is outside what the rules are written for: older
 * than the oldest supported Velero, or newer than the newest release whose flags the checker knows.
 */
export function versionRangeWarning(ctx: LintContext): string | undefined {
  const v = ctx.veleroVersion;
  const text = formatVersion(v);
  if (!versionAtLeast(v, OLDEST_SUPPORTED_VELERO))
    return `Velero ${text} is older than the oldest supported release (${OLDEST_SUPPORTED_VELERO}): the rules are written for ${OLDEST_SUPPORTED_VELERO} and later, so findings may not match what it does`;
  const newest = parseVersion(NEWEST_KNOWN_VELERO);
  if (newest && (v.major > newest.major || (v.major === newest.major && v.minor > newest.minor)))
    return `Velero ${text} is newer than the newest release the checker knows (${NEWEST_KNOWN_VELERO}): flags added since are reported as unknown`;
  return undefined;
}

/** The findings that make the exit code 1 under --fail-on. */
export function failingFindings(findings: readonly Finding[], o: Options): Finding[] {
  return o.failOn === 'never' ? [] : atOrAbove(findings, o.failOn);
}

/** How the cluster-reading commands connect: context, request timeout, and a progress line only where one helps. */
export function clusterOptions(o: Options) {
  return {
    ...(o.context !== undefined ? { context: o.context } : {}),
    ...(o.requestTimeoutMs !== undefined ? { requestTimeoutMs: o.requestTimeoutMs } : {}),
    // The progress line goes to stderr, only on a terminal and only with text output.
    progress: o.format === 'text' && isTerminal(process.stderr),
  };
}
