/**
 * Reads Kubernetes YAML (multi-document) into Subjects: Backup, Schedule, Restore, the Velero server
 * Deployment, plugin-config ConfigMaps and the velero Helm chart's values. Locations come from a light
 * line scan of each document, since js-yaml does not keep node positions.
 */
import yaml from 'js-yaml';
import type { SourceLocation } from './parse/pflag.js';
import { isOurPluginConfig, isOurPluginImage } from './plugin.js';
import type { PolicyDocument, Subject, Suppression } from './spec.js';
import { at, group } from './checked.js';
import { BACKUP_LIST_KEYS, backupSpecFrom, isObj, restoreSpecFrom, text, type Obj } from './manifest-spec.js';
import { isOversized, yamlDocuments, type YamlDocument } from './yaml-documents.js';

const ANNOTATION_PREFIX = 'ignore-check.velero-cm-preflight.dev/';

const keyPatterns = new Map<string, RegExp>();
function keyPattern(key: string): RegExp {
  let re = keyPatterns.get(key);
  if (!re) {
    re = new RegExp(`^(\\s*)(?:-\\s+)?["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`);
    // Keys come from the spec fields the preflight reads and from the documents' own keys: bounded, but not fixed.
    if (keyPatterns.size < 10_000) keyPatterns.set(key, re);
  }
  return re;
}

/** A document's lines, split once however many keys are looked up in it. */
const docLines = new WeakMap<YamlDocument, string[]>();
function linesOf(doc: YamlDocument): string[] {
  let lines = docLines.get(doc);
  if (!lines) docLines.set(doc, (lines = doc.text.split('\n')));
  return lines;
}

/** Finds the line of a key path (`spec.template.includedNamespaces`) in a document by indentation. */
function locateKey(doc: YamlDocument, path: readonly string[], file?: string): SourceLocation | undefined {
  const lines = linesOf(doc);
  let from = 0;
  let minIndent = -1;
  let found: SourceLocation | undefined;
  for (const key of path) {
    const re = keyPattern(key);
    let hit = -1;
    for (let i = from; i < lines.length; i++) {
      const m = re.exec(at(lines, i));
      if (m && group(m, 1).length > minIndent) {
        hit = i;
        minIndent = group(m, 1).length;
        found = {
          line: doc.line + i,
          column:
            group(m, 1).length +
            1 +
            (at(lines, i).slice(group(m, 1).length).startsWith('-')
              ? at(lines, i)
                  .slice(group(m, 1).length)
                  .search(/[^-\s]/)
              : 0),
        };
        break;
      }
    }
    if (hit < 0) return found && path.length === 1 ? found : undefined;
    from = hit + 1;
  }
  if (found && file) found.file = file;
  return found;
}

function suppressionsFrom(metadata: Obj | undefined, loc: SourceLocation): Suppression[] {
  const annotations = isObj(metadata?.annotations) ? metadata.annotations : {};
  return Object.entries(annotations)
    .filter(([k]) => k.startsWith(ANNOTATION_PREFIX))
    .map(([k, v]) => ({
      rules: [k.slice(ANNOTATION_PREFIX.length)],
      reason: text(v),
      location: loc,
      via: 'annotation' as const,
    }));
}

function fieldLocs(
  doc: YamlDocument,
  prefix: string[],
  keys: readonly string[],
  file?: string,
): Record<string, SourceLocation> {
  const out: Record<string, SourceLocation> = {};
  for (const k of keys) {
    const loc = locateKey(doc, [...prefix, k], file);
    if (loc) out[k] = loc;
  }
  return out;
}

const RESTORE_KEYS = [
  'includedNamespaces',
  'excludedNamespaces',
  'includedResources',
  'excludedResources',
  'includeClusterResources',
  'namespaceMapping',
  'labelSelector',
  'orLabelSelectors',
  'existingResourcePolicy',
];
const BACKUP_KEYS = [
  ...BACKUP_LIST_KEYS,
  'includeClusterResources',
  'labelSelector',
  'orLabelSelectors',
  'ttl',
  'resourcePolicy',
];

export interface ManifestProblem {
  message: string;
  location: SourceLocation;
}

/** Subjects from one YAML text (all its documents); YAML syntax errors are returned as problems (exit code 2). */
export function subjectsFromYaml(text: string, file?: string): { subjects: Subject[]; problems: ManifestProblem[] } {
  const subjects: Subject[] = [];
  const problems: ManifestProblem[] = [];
  for (const doc of yamlDocuments([text])) {
    if (isOversized(doc)) continue;
    const r = subjectsFromDocument(doc, file);
    subjects.push(...r.subjects);
    problems.push(...r.problems);
  }
  return { subjects, problems };
}

/** Subjects from one document of a YAML file, or its syntax error as a problem. */
export function subjectsFromDocument(
  doc: YamlDocument,
  file?: string,
): { subjects: Subject[]; problems: ManifestProblem[] } {
  let value: unknown;
  try {
    value = yaml.load(doc.text, { json: true });
  } catch (err) {
    const mark = (err as { mark?: { line: number; column: number } }).mark;
    const problem = {
      message: `YAML: ${(err as Error).message.split('\n')[0]}`,
      location: { ...(file ? { file } : {}), line: doc.line + (mark?.line ?? 0), column: (mark?.column ?? 0) + 1 },
    };
    return { subjects: [], problems: [problem] };
  }
  if (!isObj(value)) return { subjects: [], problems: [] };
  return { subjects: subjectsFromObject(value, doc, file).map((s) => compact(s, file)), problems: [] };
}

/**
 * A fresh copy of a subject: the strings js-yaml returns are slices that keep their whole document's text alive,
 * and objects built key by key take more room than parsed ones; a JSON round trip holds about half the memory,
 * which matters for files of tens of thousands of manifests. Subjects are plain data; a YAML timestamp in a field
 * no rule reads (js-yaml makes it a Date) becomes its ISO text.
 */
function compact(subject: Subject, file: string | undefined): Subject {
  // Every location names the same file: one shared string, not a copy per location.
  return JSON.parse(JSON.stringify(subject), (key, value: unknown) =>
    key === 'file' && value === file ? file : value,
  ) as Subject;
}

function docLocation(doc: YamlDocument, file?: string): SourceLocation {
  const kindLine = locateKey(doc, ['kind']);
  return { ...(file ? { file } : {}), line: kindLine?.line ?? doc.line, column: 1 };
}

function subjectsFromObject(obj: Obj, doc: YamlDocument, file?: string): Subject[] {
  const apiVersion = text(obj.apiVersion);
  const kind = text(obj.kind);
  const metadata = isObj(obj.metadata) ? obj.metadata : undefined;
  const location = docLocation(doc, file);
  const suppressions = suppressionsFrom(metadata, locateKey(doc, ['metadata', 'annotations'], file) ?? location);
  const base = {
    origin: 'manifest' as const,
    location,
    suppressions,
    ...(typeof metadata?.name === 'string' ? { name: metadata.name } : {}),
    ...(typeof metadata?.namespace === 'string' ? { namespace: metadata.namespace } : {}),
  };
  const nsLoc = locateKey(doc, ['metadata', 'namespace'], file);
  const withNs = (locs: Record<string, SourceLocation>) => (nsLoc ? { ...locs, 'metadata.namespace': nsLoc } : locs);
  const spec = isObj(obj.spec) ? obj.spec : {};
  if (apiVersion.startsWith('velero.io/')) {
    if (kind === 'Backup')
      return [
        {
          ...base,
          kind: 'backup',
          backup: backupSpecFrom(spec),
          manifestSpec: { path: ['spec'], value: spec },
          fieldLocations: withNs(fieldLocs(doc, ['spec'], BACKUP_KEYS, file)),
        },
      ];
    if (kind === 'Schedule') {
      const template = isObj(spec.template) ? spec.template : {};
      const locs = withNs(fieldLocs(doc, ['spec', 'template'], BACKUP_KEYS, file));
      const cronLoc = locateKey(doc, ['spec', 'schedule'], file);
      if (cronLoc) locs['spec.schedule'] = cronLoc;
      return [
        {
          ...base,
          kind: 'schedule',
          backup: backupSpecFrom(template),
          manifestSpec: { path: ['spec', 'template'], value: template },
          fieldLocations: locs,
          ...(spec.schedule !== undefined ? { cron: text(spec.schedule, JSON.stringify(spec.schedule)) } : {}),
        },
      ];
    }
    if (kind === 'Restore')
      return [
        {
          ...base,
          kind: 'restore',
          restore: restoreSpecFrom(spec),
          manifestSpec: { path: ['spec'], value: spec },
          fieldLocations: withNs(fieldLocs(doc, ['spec'], RESTORE_KEYS, file)),
        },
      ];
    return [];
  }
  if (kind === 'ConfigMap' && metadata) {
    const labels = isObj(metadata.labels)
      ? (Object.fromEntries(Object.entries(metadata.labels).map(([k, v]) => [k, text(v)])) as Record<string, string>)
      : {};
    const data = isObj(obj.data)
      ? (Object.fromEntries(Object.entries(obj.data).map(([k, v]) => [k, text(v)])) as Record<string, string>)
      : {};
    if (!isOurPluginConfig(labels)) return resourcePolicyConfigMap(data, doc, base, file);
    return [
      {
        ...base,
        kind: 'plugin-config',
        fieldLocations: withNs({}),
        pluginConfig: { labels, data, ...(base.namespace !== undefined ? { namespace: base.namespace } : {}) },
      },
    ];
  }
  if (kind === 'Deployment' && apiVersion.startsWith('apps/')) return veleroDeployment(obj, doc, base, file);
  if (!apiVersion && !kind) return helmValues(obj, doc, base, file);
  return [];
}

/** A spec as a YAML snippet nested under its path (`spec:` / `template:` ...), block style, keys in written order. */
export function specYaml(path: readonly string[], value: Record<string, unknown>): string {
  const nested = path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
  return yaml.dump(nested, { lineWidth: -1, noRefs: true }).trimEnd();
}

type Base = Pick<Subject, 'origin' | 'location' | 'suppressions' | 'name' | 'namespace'>;

/**
 * A resource policy's text as Velero's YAML decoder sees it: the first document (js-yaml's core schema reads
 * scalars as Go's YAML library does), none at all for blank or comment-only text, or the syntax error.
 */
export function decodePolicyDocument(text: string): PolicyDocument {
  // Go's decoder finds no document in blank or comment-only text (io.EOF); js-yaml reads it as one null document.
  if (text.split('\n').every((l) => /^\s*(#.*)?$/.test(l))) return { empty: true };
  try {
    const docs = yaml.loadAll(text, undefined, { schema: yaml.CORE_SCHEMA });
    return docs.length === 0 ? { empty: true } : { value: docs[0] };
  } catch (err) {
    const mark = (err as { mark?: { line: number } }).mark;
    return {
      error: `YAML: ${(err as Error).message.split('\n')[0] ?? ''}`,
      ...(mark ? { line: mark.line } : {}),
    };
  }
}

/** A top-level key of Velero's resource-policy document, as the first word of a line of a data value. */
const POLICY_KEY =
  /^(version|volumePolicies|includeExcludePolicy|clusterScopedFilterPolicy|namespacedFilterPolicies)\s*:/m;

/**
 * A ConfigMap whose data looks like a Velero resource policy (some value has a `version:`, `volumePolicies:` or
 * `includeExcludePolicy:` line) becomes a `resource-policy` subject, so a Backup or Schedule among the same
 * inputs that names it is checked against its policy. Other ConfigMaps are not Velero's business.
 */
function resourcePolicyConfigMap(
  data: Record<string, string>,
  doc: YamlDocument,
  base: Base,
  file?: string,
): Subject[] {
  if (base.name === undefined || !Object.values(data).some((v) => POLICY_KEY.test(v))) return [];
  const lines = doc.text.split('\n');
  const dataLocations: Record<string, SourceLocation> = {};
  for (const key of Object.keys(data)) {
    const loc = locateKey(doc, ['data', key], file);
    if (!loc) continue;
    // A block scalar (`key: |`, `key: >-`) starts on the next line; a plain or quoted value on the key's own line.
    const keyLine = lines[loc.line - doc.line] ?? '';
    const block = /:\s*[|>][-+0-9]*\s*(#.*)?$/.test(keyLine);
    dataLocations[key] = block ? { ...loc, line: loc.line + 1 } : loc;
  }
  return [
    {
      ...base,
      name: base.name,
      kind: 'resource-policy',
      fieldLocations: {},
      policyConfigMap: {
        name: base.name,
        ...(base.namespace !== undefined ? { namespace: base.namespace } : {}),
        data,
        documents: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, decodePolicyDocument(v)])),
        dataLocations,
      },
    },
  ];
}

function veleroDeployment(obj: Obj, doc: YamlDocument, base: Base, file?: string): Subject[] {
  const podSpec = (obj.spec as Obj | undefined)?.template as Obj | undefined;
  const pod = isObj(podSpec?.spec) ? podSpec.spec : undefined;
  const containers = Array.isArray(pod?.containers) ? (pod.containers as Obj[]) : [];
  const velero = containers.find((c) => isObj(c) && (c.name === 'velero' || /(^|\/)velero:/.test(text(c.image))));
  if (!velero) return [];
  const args = [
    ...(Array.isArray(velero.command) ? (velero.command as unknown[]) : []),
    ...(Array.isArray(velero.args) ? (velero.args as unknown[]) : []),
  ].map((a) => text(a));
  if (!args.includes('server')) return [];
  const serverArgs: NonNullable<Subject['serverArgs']> = {};
  const fieldLocations: Record<string, SourceLocation> = {};
  const argLoc = (needle: string) => {
    const i = doc.text.split('\n').findIndex((l) => l.includes(needle));
    return i < 0
      ? undefined
      : { ...(file ? { file } : {}), line: doc.line + i, column: at(doc.text.split('\n'), i).indexOf(needle) + 1 };
  };
  for (let i = 0; i < args.length; i++) {
    for (const [flag, key] of [
      ['--restore-resource-priorities', 'restoreResourcePriorities'],
      ['--features', 'features'],
    ] as const) {
      if (args[i] === flag && i + 1 < args.length) serverArgs[key] = args[i + 1];
      else if (at(args, i).startsWith(`${flag}=`)) serverArgs[key] = at(args, i).slice(flag.length + 1);
      else continue;
      const loc = argLoc(flag);
      if (loc) fieldLocations[key] = loc;
    }
  }
  const inits = Array.isArray(pod?.initContainers) ? (pod.initContainers as Obj[]) : [];
  const plugins = inits.map((c) => text(c.image)).filter(Boolean);
  const ours = plugins.find(isOurPluginImage);
  if (ours) {
    const loc = argLoc(ours);
    if (loc) fieldLocations.plugins = loc;
  }
  return [{ ...base, kind: 'server', serverArgs, install: { plugins, dryRun: false }, fieldLocations }];
}

/** The velero Helm chart's values.yaml: schedules, configuration, initContainers. */
function helmValues(obj: Obj, doc: YamlDocument, base: Base, file?: string): Subject[] {
  const looksLikeVeleroValues =
    isObj(obj.schedules) ||
    (isObj(obj.configuration) &&
      ('backupStorageLocation' in obj.configuration ||
        'restoreResourcePriorities' in obj.configuration ||
        'features' in obj.configuration)) ||
    Array.isArray(obj.initContainers);
  if (!looksLikeVeleroValues) return [];
  const out: Subject[] = [];
  if (isObj(obj.schedules)) {
    for (const [name, sched] of Object.entries(obj.schedules)) {
      if (!isObj(sched) || sched.disabled === true) continue;
      const template = isObj(sched.template) ? sched.template : {};
      const locs = fieldLocs(doc, ['schedules', name, 'template'], BACKUP_KEYS, file);
      const schedLoc = locateKey(doc, ['schedules', name], file) ?? base.location;
      const cronLoc = locateKey(doc, ['schedules', name, 'schedule'], file);
      if (cronLoc) locs['spec.schedule'] = cronLoc;
      const annotations = isObj(sched.annotations) ? sched.annotations : undefined;
      const { namespace: _ns, ...rest } = base;
      out.push({
        ...rest,
        location: schedLoc,
        name,
        kind: 'schedule',
        backup: backupSpecFrom(template),
        manifestSpec: { path: ['schedules', name, 'template'], value: template },
        fieldLocations: locs,
        suppressions: suppressionsFrom(annotations ? { annotations } : undefined, schedLoc),
        ...(sched.schedule !== undefined ? { cron: text(sched.schedule, JSON.stringify(sched.schedule)) } : {}),
      });
    }
  }
  const configuration = isObj(obj.configuration) ? obj.configuration : undefined;
  const inits = Array.isArray(obj.initContainers) ? (obj.initContainers as unknown[]).filter(isObj) : [];
  if (configuration || inits.length) {
    const serverArgs: NonNullable<Subject['serverArgs']> = {};
    const locs: Record<string, SourceLocation> = {};
    for (const key of ['restoreResourcePriorities', 'features'] as const) {
      const v = configuration?.[key];
      if (v === undefined || v === null || v === '') continue;
      serverArgs[key] = Array.isArray(v) ? v.map((x) => text(x)).join(',') : text(v, JSON.stringify(v));
      const loc = locateKey(doc, ['configuration', key], file);
      if (loc) locs[key] = loc;
    }
    const plugins = inits.map((c) => text(c.image)).filter(Boolean);
    const pl = locateKey(doc, ['initContainers'], file);
    if (pl) locs.plugins = pl;
    const { namespace: _ns, ...rest } = base;
    out.push({ ...rest, kind: 'server', serverArgs, install: { plugins, dryRun: false }, fieldLocations: locs });
  }
  return out;
}
