/**
 * Building blocks shared by the backup audit, cluster mode and the doctor: the object shape they read
 * (structurally the same as the plugin's KubeObject, which the preflight may not import), and findings
 * built from rule metadata with the same configuration and plugin-awareness semantics as the offline lint.
 */
import type { PreflightConfig } from '../config.js';
import type { Finding, Rule, Severity } from '../rules/types.js';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name?: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: OwnerReference[];
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

export interface FindingInput {
  message: string;
  /** The object the finding is about: kind plus `namespace/name` (or name). */
  subject: { kind: string; name?: string };
  file?: string;
  severity?: Severity;
  fix?: string;
  /** The exact commands that fix it (doctor): shown, and run only with --apply. */
  commands?: string[][];
  /** False when the installed plugin does not handle this case (e.g. it depends on the plugin's configuration). */
  pluginHandles?: boolean;
}

export interface LiveFinding extends Finding {
  commands?: string[][];
  pluginHandles?: boolean;
}

export function makeFinding(rule: Rule, input: FindingInput): LiveFinding {
  const finding: LiveFinding = {
    ruleId: rule.meta.id,
    ruleName: rule.meta.name,
    severity: input.severity ?? rule.meta.severity,
    message: input.message,
    location: { ...(input.file !== undefined ? { file: input.file } : {}), line: 1, column: 1 },
    subject: input.subject,
  };
  if (input.fix !== undefined) finding.fix = { description: input.fix };
  if (input.commands?.length) finding.commands = input.commands;
  if (input.pluginHandles === false) finding.pluginHandles = false;
  return finding;
}

/**
 * Applies `.velero-cm-preflight.yaml` rule settings (`off` or a severity) and plugin awareness exactly as
 * the offline engine does: a finding the installed plugin handles drops to info and says so.
 */
export function settleFindings(
  findings: LiveFinding[],
  rules: readonly Rule[],
  config: PreflightConfig | undefined,
  pluginInstalled: boolean,
): LiveFinding[] {
  const out: LiveFinding[] = [];
  for (const f of findings) {
    const rule = rules.find((r) => r.meta.id === f.ruleId);
    const setting =
      rule && config
        ? (config.rules[rule.meta.id] ?? config.rules[rule.meta.id.toLowerCase()] ?? config.rules[rule.meta.name])
        : undefined;
    if (setting === 'off') continue;
    if (setting) f.severity = setting;
    if (pluginInstalled && rule?.meta.plugin && !f.pluginHandled && f.pluginHandles !== false) {
      f.pluginHandled = true;
      f.severity = 'info';
      f.message += ` [handled by velero-plugin-for-cert-manager: ${rule.meta.plugin}]`;
    }
    out.push(f);
  }
  return out.sort(
    (a, b) =>
      (a.location.file ?? '').localeCompare(b.location.file ?? '') ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.subject.kind.localeCompare(b.subject.kind) ||
      (a.subject.name ?? '').localeCompare(b.subject.name ?? '') ||
      a.message.localeCompare(b.message),
  );
}

/** `namespace/name` or `name`. */
export function objectName(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** A rule that never fires on command lines or manifests: its findings come from audit, cluster mode or doctor. */
export const noSubjectCheck = (): [] => [];
