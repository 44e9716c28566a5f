/**
 * Runs every rule over the subjects: rule settings from the config, plugin awareness (findings the plugin
 * handles drop to info and say so), suppressions (comment or annotation) and stable ordering.
 */
import type { PreflightConfig } from './config.js';
import { attachManifestFix } from './manifest-fix.js';
import { withPolicyConfigMaps } from './policy.js';
import { RULES } from './rules/index.js';
import type { Finding, Rule, Severity } from './rules/types.js';
import { SEVERITY_RANK } from './rules/types.js';
import type { LintContext, Subject } from './spec.js';

function settingFor(rule: Rule, config: PreflightConfig | undefined) {
  if (!config) return undefined;
  return config.rules[rule.meta.id] ?? config.rules[rule.meta.id.toLowerCase()] ?? config.rules[rule.meta.name];
}

function suppressedBy(subject: Subject, rule: Rule) {
  return subject.suppressions.find((s) =>
    s.rules.some((r) => r.toUpperCase() === rule.meta.id || r === rule.meta.name || r === 'all'),
  );
}

export function lintSubject(subject: Subject, ctx: LintContext, config?: PreflightConfig): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const setting = settingFor(rule, config);
    if (setting === 'off') continue;
    if (rule.meta.id !== 'CMV070' && suppressedBy(subject, rule)) continue;
    let reports;
    try {
      reports = rule.check(subject, ctx);
    } catch (err) {
      // A rule bug must not hide every other finding; report it as an error of that rule.
      reports = [
        {
          message: `internal error in rule ${rule.meta.name}: ${(err as Error).message}`,
          severity: 'error' as Severity,
        },
      ];
    }
    for (const report of reports) {
      let severity: Severity = setting ?? report.severity ?? rule.meta.severity;
      let message = report.message;
      let pluginHandled = false;
      if (ctx.pluginInstalled && rule.meta.plugin && (rule.pluginHandles?.(subject, ctx) ?? true)) {
        pluginHandled = true;
        severity = 'info';
        message += ` [handled by velero-plugin-for-cert-manager: ${rule.meta.plugin}]`;
      }
      const finding: Finding = {
        ruleId: rule.meta.id,
        ruleName: rule.meta.name,
        severity,
        message,
        location: report.location ?? subject.location,
        subject: { kind: subject.kind, ...(subject.name !== undefined ? { name: subject.name } : {}) },
      };
      if (pluginHandled) finding.pluginHandled = true;
      if (report.fix !== undefined || report.edits || report.specChanges)
        finding.fix = {
          description: report.fix ?? 'apply the suggested edit',
          ...(report.edits ? { edits: report.edits } : {}),
          ...(report.specChanges ? { specChanges: report.specChanges } : {}),
        };
      findings.push(finding);
    }
  }
  return findings;
}

export function lintSubjects(subjects: readonly Subject[], ctx: LintContext, config?: PreflightConfig): Finding[] {
  // Resource-policy ConfigMaps among the inputs: a Backup or Schedule naming one is checked against its policy.
  const withPolicies = withPolicyConfigMaps(ctx, subjects);
  return sortFindings(
    subjects.flatMap((s) => {
      const findings = lintSubject(s, withPolicies, config);
      // One fix per manifest object: the changes of all its findings merged into its fixed spec.
      if (s.origin === 'manifest') attachManifestFix(s, findings, (next) => lintSubject(next, withPolicies, config));
      return findings;
    }),
  );
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.location.file ?? '').localeCompare(b.location.file ?? '') ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

export function atOrAbove(findings: readonly Finding[], threshold: Severity): Finding[] {
  return findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold]);
}
