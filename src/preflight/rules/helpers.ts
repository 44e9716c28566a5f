/** Small helpers shared by rule files; they only read the subject. */
import { lastUse, usesOf } from '../parse/pflag.js';
import type { SourceLocation } from '../parse/pflag.js';
import type { Subject } from '../spec.js';
import type { RuleReport, TokenEdit } from './types.js';
import { at, present } from '../checked.js';
import { usesOldFilters, usesScopedFilters } from '../coverage.js';

export function fieldLocation(subject: Subject, ...fields: string[]): SourceLocation {
  for (const f of fields) {
    const loc = subject.fieldLocations[f];
    if (loc) return loc;
  }
  return subject.location;
}

export function tokenLocation(subject: Subject, index: number): SourceLocation {
  return subject.command?.tokens[index]?.loc ?? subject.location;
}

/** True when one of the fields holds a shell expansion: the rule cannot decide and stays silent. */
function anyUnknown(fields: string[] | undefined, ...names: string[]): boolean {
  return !!fields && names.some((n) => fields.includes(n));
}

/** Edits that replace every use of a flag by one `--flag=value` at the first use's place. */
export function replaceFlagEdits(subject: Subject, flag: string, value: string | undefined): TokenEdit[] {
  const parsed = subject.command;
  if (!parsed) return [];
  const uses = usesOf(parsed, flag);
  const edits: TokenEdit[] = [];
  uses.forEach((use, k) => {
    const end = (use.valueTokenIndex ?? use.tokenIndex) + 1;
    const replacement = k === 0 && value !== undefined ? [`--${flag}=${value}`] : [];
    edits.push({ start: use.tokenIndex, end, tokens: replacement });
  });
  if (uses.length === 0 && value !== undefined) edits.push(appendEdit(subject, [`--${flag}=${value}`]));
  return edits;
}

/** Appends tokens before a `--` terminator or at the end. */
export function appendEdit(subject: Subject, tokens: string[]): TokenEdit {
  const parsed = present(subject.command, 'the parsed command');
  const at = parsed.terminatorIndex ?? parsed.tokens.length;
  return { start: at, end: at, tokens };
}

/** A flag that can be edited only if every use is a whole token of its own (not inside a shorthand group). */
export function editable(subject: Subject, flag: string): boolean {
  const parsed = subject.command;
  if (!parsed) return false;
  return usesOf(parsed, flag).every(
    (u) => at(parsed.tokens, u.tokenIndex).text.startsWith(u.written) && !u.unknownValue,
  );
}

/** Edit that rewrites the last use of a flag as `--flag=value` (earlier uses are left for the repeated-flag rule). */
export function setLastUseEdit(subject: Subject, flag: string, value: string): TokenEdit[] {
  const use = subject.command ? lastUse(subject.command, flag) : undefined;
  if (!use) return subject.command ? [appendEdit(subject, [`--${flag}=${value}`])] : [];
  return [{ start: use.tokenIndex, end: (use.valueTokenIndex ?? use.tokenIndex) + 1, tokens: [`--${flag}=${value}`] }];
}

/** Edit that removes every use of a flag. */
export function removeFlagEdits(subject: Subject, flag: string): TokenEdit[] {
  return replaceFlagEdits(subject, flag, undefined);
}

/** The list fields of a backup or restore spec with the flag that sets each, for list-shape rules. */
const BACKUP_LIST_FIELDS: readonly [string, string][] = [
  ['includedNamespaces', 'include-namespaces'],
  ['excludedNamespaces', 'exclude-namespaces'],
  ['includedResources', 'include-resources'],
  ['excludedResources', 'exclude-resources'],
  ['includedClusterScopedResources', 'include-cluster-scoped-resources'],
  ['excludedClusterScopedResources', 'exclude-cluster-scoped-resources'],
  ['includedNamespaceScopedResources', 'include-namespace-scoped-resources'],
  ['excludedNamespaceScopedResources', 'exclude-namespace-scoped-resources'],
];
const RESTORE_LIST_FIELDS: readonly [string, string][] = [
  ['includedNamespaces', 'include-namespaces'],
  ['excludedNamespaces', 'exclude-namespaces'],
  ['includedResources', 'include-resources'],
  ['excludedResources', 'exclude-resources'],
];

export interface ListField {
  field: string;
  flag: string;
  list: string[];
  unknown: boolean;
}

/** Every list field present on the subject's spec. */
export function listFields(subject: Subject): ListField[] {
  const spec = (subject.backup ?? subject.restore) as Record<string, unknown> | undefined;
  if (!spec) return [];
  const unknownFields = (spec.unknownFields as string[] | undefined) ?? [];
  const fields = subject.backup ? BACKUP_LIST_FIELDS : RESTORE_LIST_FIELDS;
  const out: ListField[] = [];
  for (const [field, flag] of fields) {
    const v = spec[field];
    if (Array.isArray(v)) out.push({ field, flag, list: v.map(String), unknown: unknownFields.includes(field) });
  }
  return out;
}

import type { BackupSpec, RestoreSpec } from '../spec.js';

/** The backup spec of a Backup or Schedule subject, unless a field the rule needs is a shell expansion. */
export function backupSpecOf(subject: Subject, ...needed: string[]): BackupSpec | undefined {
  if ((subject.kind !== 'backup' && subject.kind !== 'schedule') || !subject.backup) return undefined;
  if (anyUnknown(subject.backup.unknownFields, ...needed)) return undefined;
  return subject.backup;
}

export function restoreSpecOf(subject: Subject, ...needed: string[]): RestoreSpec | undefined {
  if (subject.kind !== 'restore' || !subject.restore) return undefined;
  if (anyUnknown(subject.restore.unknownFields, ...needed)) return undefined;
  return subject.restore;
}

export const NAMESPACE_FIELDS = ['includedNamespaces', 'excludedNamespaces'];
export const RESOURCE_FIELDS = [
  'includedResources',
  'excludedResources',
  'includeClusterResources',
  'includedClusterScopedResources',
  'excludedClusterScopedResources',
  'includedNamespaceScopedResources',
  'excludedNamespaceScopedResources',
];

/** How a list flag or field is named in a message for this subject. */
export function nameOf(subject: Subject, field: string, flag: string): string {
  return subject.origin === 'command' ? `--${flag}` : field;
}

/** A list with items merged in (kept order, no duplicates, `*` and empty items dropped when merging). */
export function mergeList(list: readonly string[] | undefined, add: readonly string[]): string[] {
  const base = (list ?? []).filter((x) => x !== '' && x !== '*');
  return [...new Set([...base, ...add])];
}

/** Editable from the command line (no shell expansion, no shorthand group). */
export function canEdit(subject: Subject, ...flags: string[]): boolean {
  return subject.origin === 'command' && flags.every((fl) => editable(subject, fl));
}

/**
 * Whether a fix must use the scoped filter family: the backup already uses scoped filters, or it names a resource
 * policy (whose includeExcludePolicy, if it has one, makes Velero reject old-style filters: FailedValidation, CMV032)
 * and uses no old-style filter yet.
 */
export function fixNeedsScopedFilters(subject: Subject): boolean {
  const spec = subject.backup;
  if (!spec || usesOldFilters(spec)) return false;
  return usesScopedFilters(spec) || spec.resourcePolicy !== undefined;
}

/**
 * A report whose fix turns on the collection of cluster-scoped types: `--include-cluster-resources=true` (or the
 * manifest field), or `--include-cluster-scoped-resources=*` where old-style filters would break the backup.
 */
export function includeClusterResourcesReport(subject: Subject, message: string, location: SourceLocation): RuleReport {
  const scoped = fixNeedsScopedFilters(subject);
  const [flag, value] = scoped ? ['include-cluster-scoped-resources', '*'] : ['include-cluster-resources', 'true'];
  const report: RuleReport = {
    message,
    location,
    fix:
      subject.origin === 'command'
        ? `--${flag}=${value}`
        : scoped
          ? "includedClusterScopedResources: ['*']"
          : 'includeClusterResources: true',
  };
  if (canEdit(subject, flag)) report.edits = setLastUseEdit(subject, flag, value);
  else if (subject.origin === 'manifest')
    report.specChanges = scoped ? { includedClusterScopedResources: ['*'] } : { includeClusterResources: true };
  return report;
}

/**
 * A report whose fix gives a list flag (or manifest field) the value `list`, or drops the flag when `list` is
 * empty: the fix text and the machine edits are built together here so they always say the same thing.
 */
export function setListReport(
  subject: Subject,
  field: string,
  flag: string,
  list: readonly string[],
  message: string,
  { locationFields = [], whenEmpty }: { locationFields?: string[]; whenEmpty?: string } = {},
): RuleReport {
  const name = nameOf(subject, field, flag);
  const value = list.join(',');
  const report: RuleReport = {
    message,
    location: fieldLocation(subject, field, ...locationFields),
    fix: list.length ? `${name}=${value}` : (whenEmpty ?? `remove ${name}`),
  };
  if (canEdit(subject, flag))
    report.edits = list.length ? setLastUseEdit(subject, flag, value) : removeFlagEdits(subject, flag);
  else if (subject.origin === 'manifest') report.specChanges = { [field]: list.length ? [...list] : null };
  return report;
}

export function describeNamespaces(spec: { includedNamespaces?: string[]; excludedNamespaces?: string[] }): string {
  const parts: string[] = [];
  if (
    spec.includedNamespaces &&
    !(spec.includedNamespaces.length === 1 && spec.includedNamespaces[0] === '*') &&
    spec.includedNamespaces.length > 0
  )
    parts.push(`includes namespaces ${spec.includedNamespaces.join(',')}`);
  if (spec.excludedNamespaces && spec.excludedNamespaces.length > 0)
    parts.push(`excludes namespaces ${spec.excludedNamespaces.join(',')}`);
  return parts.join(' and ');
}
