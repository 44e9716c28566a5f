/** Turns a parsed velero command line into the Subject rules evaluate: the spec Velero would submit. */
import {
  lastNonBlankUse,
  lastUse,
  parseGoBool,
  usesOf,
  type FlagUse,
  type ParsedCommand,
  type SourceLocation,
} from './parse/pflag.js';
import type { BackupSpec, RestoreSpec, Subject } from './spec.js';
import { at } from './checked.js';

/** Velero's StringArray.Set: split on ',' without trimming; the last repetition wins. */
function listOf(parsed: ParsedCommand, flag: string): string[] | undefined {
  const use = lastUse(parsed, flag);
  return use ? use.value.split(',') : undefined;
}

function optionalBool(parsed: ParsedCommand, flag: string): boolean | undefined {
  const use = lastUse(parsed, flag);
  if (!use) return undefined;
  // An unparsable value is a parse error (reported on its own), not a decision either way.
  return parseGoBool(use.value);
}

function mapOf(parsed: ParsedCommand, flag: string): Record<string, string> | undefined {
  const all = usesOf(parsed, flag);
  if (all.length === 0) return undefined;
  const sep = at(all, 0).flag.mapSeparator ?? '=';
  const out: Record<string, string> = {};
  for (const use of all)
    for (const pair of use.value.split(',')) {
      const at = pair.indexOf(sep);
      if (at > 0) out[pair.slice(0, at)] = pair.slice(at + 1);
    }
  return out;
}

function locationOfToken(parsed: ParsedCommand, index: number, fallback: SourceLocation): SourceLocation {
  return parsed.tokens[index]?.loc ?? fallback;
}

const BACKUP_FIELDS: Record<string, keyof BackupSpec> = {
  'include-namespaces': 'includedNamespaces',
  'exclude-namespaces': 'excludedNamespaces',
  'include-resources': 'includedResources',
  'exclude-resources': 'excludedResources',
  'include-cluster-scoped-resources': 'includedClusterScopedResources',
  'exclude-cluster-scoped-resources': 'excludedClusterScopedResources',
  'include-namespace-scoped-resources': 'includedNamespaceScopedResources',
  'exclude-namespace-scoped-resources': 'excludedNamespaceScopedResources',
  'include-cluster-resources': 'includeClusterResources',
  selector: 'labelSelector',
  'or-selector': 'orLabelSelectors',
  ttl: 'ttl',
};

const RESTORE_FIELDS: Record<string, string> = {
  'include-namespaces': 'includedNamespaces',
  'exclude-namespaces': 'excludedNamespaces',
  'include-resources': 'includedResources',
  'exclude-resources': 'excludedResources',
  'include-cluster-resources': 'includeClusterResources',
  'namespace-mappings': 'namespaceMapping',
  selector: 'labelSelector',
  'or-selector': 'orLabelSelectors',
  'existing-resource-policy': 'existingResourcePolicy',
  'status-include-resources': 'restoreStatus.includedResources',
  'status-exclude-resources': 'restoreStatus.excludedResources',
};

function fieldLocations(parsed: ParsedCommand, fields: Record<string, string>, fallback: SourceLocation) {
  const locs: Record<string, SourceLocation> = {};
  const unknown: string[] = [];
  for (const [flag, field] of Object.entries(fields)) {
    const use: FlagUse | undefined = lastUse(parsed, flag);
    if (!use) continue;
    locs[field] = locationOfToken(parsed, use.tokenIndex, fallback);
    // A value that is really a swallowed flag is no list the user meant (CMV007 reports it): rules stay silent about
    // the field and fixes never copy the flag into a resource list.
    if (use.unknownValue || use.swallowedFlag) unknown.push(field);
  }
  return { locs, unknown };
}

export function subjectFromCommand(parsed: ParsedCommand, location: SourceLocation): Subject {
  const base = {
    origin: 'command' as const,
    location,
    command: parsed,
    suppressions: [],
    fieldLocations: {} as Record<string, SourceLocation>,
  };
  const namespace = lastUse(parsed, 'namespace')?.value;
  const name = parsed.positionals[0] !== undefined ? at(parsed.tokens, parsed.positionals[0]).text : undefined;
  const withName = <T extends object>(s: T) => ({
    ...s,
    ...(name !== undefined ? { name } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
  });
  // `--help` prints the help and runs nothing: no Backup, Restore or install to judge.
  if (parsed.helpRequested) return { ...base, kind: 'other' };
  switch (parsed.command?.name) {
    case 'backup create':
    case 'schedule create': {
      const { locs, unknown } = fieldLocations(parsed, BACKUP_FIELDS, location);
      const subject: Subject = withName({
        ...base,
        kind: parsed.command.name === 'backup create' ? 'backup' : 'schedule',
        fieldLocations: locs,
      });
      // --from-schedule copies the Schedule's template: the filter flags here do not describe the backup.
      if (lastNonBlankUse(parsed, 'from-schedule')) return subject;
      const spec: BackupSpec = {};
      for (const [flag, field] of Object.entries(BACKUP_FIELDS)) {
        if (flag === 'include-cluster-resources') {
          const v = optionalBool(parsed, flag);
          if (v !== undefined) spec.includeClusterResources = v;
        } else if (flag === 'selector') {
          const use = lastUse(parsed, flag);
          if (use) spec.labelSelector = use.value;
        } else if (flag === 'or-selector') {
          const use = lastUse(parsed, flag);
          if (use) spec.orLabelSelectors = use.value.split(' or ');
        } else if (flag === 'ttl') {
          const use = lastUse(parsed, flag);
          if (use) spec.ttl = use.value;
        } else {
          const list = listOf(parsed, flag);
          if (list) (spec as Record<string, unknown>)[field] = list;
        }
      }
      const policy = lastUse(parsed, 'resource-policies-configmap');
      if (policy) spec.resourcePolicy = { kind: 'configmap', name: policy.value };
      if (unknown.length) spec.unknownFields = unknown;
      subject.backup = spec;
      return subject;
    }
    case 'restore create': {
      const { locs, unknown } = fieldLocations(parsed, RESTORE_FIELDS, location);
      const spec: RestoreSpec = {};
      const from = lastUse(parsed, 'from-backup');
      if (from) spec.backupName = from.value;
      const sched = lastUse(parsed, 'from-schedule');
      if (sched) spec.scheduleName = sched.value;
      for (const [flag, field] of [
        ['include-namespaces', 'includedNamespaces'],
        ['exclude-namespaces', 'excludedNamespaces'],
        ['include-resources', 'includedResources'],
        ['exclude-resources', 'excludedResources'],
      ] as const) {
        const list = listOf(parsed, flag);
        if (list) spec[field] = list;
      }
      const icr = optionalBool(parsed, 'include-cluster-resources');
      if (icr !== undefined) spec.includeClusterResources = icr;
      const apf = optionalBool(parsed, 'allow-partially-failed');
      if (apf !== undefined) spec.allowPartiallyFailed = apf;
      const mapping = mapOf(parsed, 'namespace-mappings');
      if (mapping) spec.namespaceMapping = mapping;
      const sel = lastUse(parsed, 'selector');
      if (sel) spec.labelSelector = sel.value;
      const orSel = lastUse(parsed, 'or-selector');
      if (orSel) spec.orLabelSelectors = orSel.value.split(' or ');
      const erp = lastUse(parsed, 'existing-resource-policy');
      if (erp) spec.existingResourcePolicy = erp.value;
      const statusInc = listOf(parsed, 'status-include-resources');
      const statusExc = listOf(parsed, 'status-exclude-resources');
      if (statusInc && statusInc.join('') !== '')
        spec.restoreStatus = { includedResources: statusInc, ...(statusExc ? { excludedResources: statusExc } : {}) };
      else if (statusExc) spec.statusExcludesDropped = statusExc;
      if (unknown.length) spec.unknownFields = unknown;
      return withName({ ...base, kind: 'restore', fieldLocations: locs, restore: spec });
    }
    case 'install': {
      const plugins = (listOf(parsed, 'plugins') ?? []).filter((p) => p !== '');
      const features = lastUse(parsed, 'features')?.value;
      const output = lastUse(parsed, 'output')?.value;
      const dryRun = optionalBool(parsed, 'dry-run') ?? false;
      const crdsOnly = optionalBool(parsed, 'crds-only') === true;
      return withName({
        ...base,
        kind: 'install',
        install: {
          plugins,
          dryRun,
          ...(crdsOnly ? { crdsOnly } : {}),
          ...(features !== undefined ? { features } : {}),
          ...(output !== undefined ? { output } : {}),
        },
      });
    }
    case 'plugin add':
    case 'plugin remove':
      return withName({
        ...base,
        kind: parsed.command.name === 'plugin add' ? 'plugin-add' : 'plugin-remove',
        ...(name !== undefined ? { pluginImage: name } : {}),
      });
    default:
      return { ...base, kind: 'other' };
  }
}
