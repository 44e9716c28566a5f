/** What a rule is: documented metadata (docs/rules is generated from it) plus a pure check. */
import type { SourceLocation } from '../parse/pflag.js';
import type { LintContext, Subject } from '../spec.js';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export interface RuleMeta {
  /** Stable id, never reused: CMV001. */
  id: string;
  /** kebab-case name, usable wherever the id is. */
  name: string;
  severity: Severity;
  /** What the rule looks at: `backup create`, `Schedule manifest`, ... */
  appliesTo: string[];
  /** One line: what is wrong. */
  summary: string;
  why: string;
  fix: string;
  links: string[];
  /** The catalogue entry of velero-cli.md §16 this rule implements, if any (A1, B3...). */
  catalogue?: string;
  /**
   * A flagged command line (or audit/cluster/doctor situation) and its clean counterpart. `veleroNamespace`: the
   * preflight was told where Velero runs (`--velero-namespace`), which some rules need before they judge.
   */
  examples: { bad: string; good?: string; veleroNamespace?: string }[];
  /** When set, the plugin (installed, per --plugin-installed) handles this case: findings drop to info with this note. */
  plugin?: string;
  /** Velero versions the rule is relevant for, in words (docs only). */
  versions?: string;
}

/** Replace argv tokens [start, end) with `tokens` (start === end inserts). */
export interface TokenEdit {
  start: number;
  end: number;
  tokens: string[];
}

export interface RuleReport {
  message: string;
  location?: SourceLocation;
  /** Severity for this report when it differs from the rule default (B1 is an error on old-style filters, a warning on scoped ones). */
  severity?: Severity;
  /** Human description of the fix for this case. */
  fix?: string;
  /** Machine-applicable edits on the command line argv (command-line subjects only). */
  edits?: TokenEdit[];
  /** Machine-applicable changes of a manifest's spec (manifest subjects only). */
  specChanges?: SpecChanges;
}

/**
 * Changes of a Backup, Schedule template or Restore spec: field -> its new value, `null` removes the field. The
 * engine applies the changes of every finding of one object together and prints the object's fixed spec once.
 */
export type SpecChanges = Record<string, unknown>;

/** A fixed spec and its path in the document (`spec`, `spec.template`, `schedules.NAME.template`). */
export interface FixedSpec {
  path: string[];
  value: Record<string, unknown>;
}

export interface Rule {
  meta: RuleMeta;
  check(subject: Subject, ctx: LintContext): RuleReport[];
  /** Whether the plugin handles this case in this context (defaults to "yes" when meta.plugin is set). */
  pluginHandles?(subject: Subject, ctx: LintContext): boolean;
}

export interface Finding {
  ruleId: string;
  ruleName: string;
  severity: Severity;
  message: string;
  location: SourceLocation;
  fix?: {
    description: string;
    edits?: TokenEdit[];
    specChanges?: SpecChanges;
    /** A manifest object's spec with the changes of all its findings applied (the same object for each of them). */
    fixedSpec?: FixedSpec;
    /** The corrected command line, or a manifest object's fixed spec as YAML: one per command or object. */
    replacement?: string;
  };
  /** The plugin handles this case (severity lowered to info). */
  pluginHandled?: boolean;
  subject: { kind: string; name?: string };
}
