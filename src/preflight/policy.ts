/**
 * Velero's resource policies, offline: the ConfigMap a Backup or Schedule names in `spec.resourcePolicy`
 * (`--resource-policies-configmap`), found among the preflight's inputs, read and validated the way Velero
 * reads it (internal/resourcepolicies at v1.18.3, with what v1.15.0-v1.18.2 accepted), and its `includeExcludePolicy` merged into the backup's
 * scoped filters the way the backup does it (ScopeIncludesExcludes.CombineWithPolicy). Pure.
 *
 * What Velero does, and this module mirrors:
 * - the ConfigMap is looked up in the Backup's own namespace (Velero's namespace) by name, only when
 *   `resourcePolicy.kind` is `configmap` (any case); another kind is ignored without a word;
 * - it must hold exactly one data key; its value is YAML decoded strictly (an unknown key is an error);
 * - `version` must be `v1`; each volume policy's action type must be known;
 * - `includeExcludePolicy` (Velero 1.17+; older servers reject the key as unknown) has the four scoped lists,
 *   without `*`, with no entry in both an include and the matching exclude list;
 * - `clusterScopedFilterPolicy` and `namespacedFilterPolicies` (Velero 1.18.3+; unknown keys before) are decoded and
 *   validated by filter-policy.ts;
 * - any of these failures, and an `includeExcludePolicy` or a filter policy together with the old-style resource
 *   filters, mark the backup FailedValidation: nothing is backed up.
 */
import type { SourceLocation } from './parse/pflag.js';
import type { BackupSpec, LintContext, PolicyConfigMap, PolicyDocument, Subject } from './spec.js';
import { keepScope, listMatches, resolveResource } from './resources.js';
import { versionAtLeast, type Version } from './version.js';
import {
  decodeFilterPolicies,
  FILTER_POLICIES_SINCE,
  FILTER_POLICY_KEYS,
  PolicyError,
  unknownKeys,
  validateFilterPolicies,
  type FilterPolicies,
} from './filter-policy.js';

export const SCOPED_POLICY_FIELDS = [
  'includedClusterScopedResources',
  'excludedClusterScopedResources',
  'includedNamespaceScopedResources',
  'excludedNamespaceScopedResources',
] as const;
export type ScopedPolicyField = (typeof SCOPED_POLICY_FIELDS)[number];
export type IncludeExcludePolicy = Partial<Record<ScopedPolicyField, string[]>>;

export type PolicyReading =
  | {
      valid: true;
      /** Present (possibly with no lists) when the document has an `includeExcludePolicy` mapping. */
      includeExcludePolicy?: IncludeExcludePolicy;
      /** The fine-grained filter policies (Velero 1.18.3+), when the document has either. */
      filterPolicies?: FilterPolicies;
      /** Where each filter policy key is written. */
      filterLocations: Partial<Record<(typeof FILTER_POLICY_KEYS)[number], SourceLocation>>;
      /** Where each scoped list, and each of its entries, is written. */
      locations: Partial<Record<ScopedPolicyField, SourceLocation>>;
      entryLocations: Partial<Record<ScopedPolicyField, SourceLocation[]>>;
    }
  | { valid: false; message: string; location: SourceLocation; fix?: string };

/** What the preflight knows of the policy a Backup or Schedule subject names. */
export type PolicyLookup =
  | { state: 'none' }
  | { state: 'other-kind'; kind: string; name: string }
  | { state: 'not-seen'; name: string; namespace: string }
  /** Cluster mode read every ConfigMap of that namespace and this one is not there. */
  | { state: 'missing'; name: string; namespace: string }
  | { state: 'seen'; name: string; namespace: string; configMap: PolicyConfigMap; reading: PolicyReading };

/** The policy ConfigMap a Backup or Schedule names, if it is among the inputs, read for this Velero version. */
export function policyFor(subject: Subject, ctx: LintContext): PolicyLookup {
  const ref = subject.backup?.resourcePolicy;
  if ((subject.kind !== 'backup' && subject.kind !== 'schedule') || !ref?.name) return { state: 'none' };
  if ((ref.kind ?? '').toLowerCase() !== 'configmap')
    return { state: 'other-kind', kind: ref.kind ?? '', name: ref.name };
  // Velero reads it from the Backup's namespace; a Schedule's Backups are created in the Schedule's.
  const namespace = subject.namespace ?? ctx.veleroNamespace;
  const configMap = ctx.resourcePolicyConfigMaps?.find(
    (cm) => cm.name === ref.name && (cm.namespace ?? ctx.veleroNamespace) === namespace,
  );
  if (!configMap)
    return { state: ctx.cluster?.configMapsReadIn === namespace ? 'missing' : 'not-seen', name: ref.name, namespace };
  return {
    state: 'seen',
    name: ref.name,
    namespace,
    configMap,
    reading: readPolicy(configMap, ctx.veleroVersion, namespace),
  };
}

const cache = new WeakMap<PolicyConfigMap, Map<string, PolicyReading>>();

/** Reads and validates a policy ConfigMap as Velero `version` would (memoised: every rule asks). */
export function readPolicy(configMap: PolicyConfigMap, version: Version, namespace: string): PolicyReading {
  const key = `${version.major}.${version.minor}.${version.patch}/${namespace}`;
  let byVersion = cache.get(configMap);
  if (!byVersion) cache.set(configMap, (byVersion = new Map<string, PolicyReading>()));
  let reading = byVersion.get(key);
  if (!reading) byVersion.set(key, (reading = readUncached(configMap, version, namespace)));
  return reading;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

const VOLUME_POLICY_KEYS = ['conditions', 'action'];
const ACTION_KEYS = ['type', 'parameters'];
/** Volume action types, each with the first Velero release that accepts it (read from the module sources). */
const ACTION_TYPES: readonly [string, string][] = [
  ['skip', '1.0.0'],
  ['snapshot', '1.0.0'],
  ['fs-backup', '1.0.0'],
  ['custom', '1.18.1'],
];
/** Volume condition keys, likewise: pvcLabels from 1.16.0, pvcPhase from 1.18.0, the PVC's mode keys from 1.18.3. */
const CONDITION_KEYS: readonly [string, string][] = [
  ['capacity', '1.0.0'],
  ['storageClass', '1.0.0'],
  ['nfs', '1.0.0'],
  ['csi', '1.0.0'],
  ['volumeTypes', '1.0.0'],
  ['pvcLabels', '1.16.0'],
  ['pvcPhase', '1.18.0'],
  ['pvcVolumeMode', '1.18.3'],
  ['pvcAccessModes', '1.18.3'],
];
const acceptedBy = (table: readonly [string, string][], version: Version) =>
  table.filter(([, since]) => versionAtLeast(version, since)).map(([name]) => name);

function readUncached(configMap: PolicyConfigMap, version: Version, namespace: string): PolicyReading {
  const keys = Object.keys(configMap.data);
  const first = keys[0];
  if (keys.length !== 1 || first === undefined)
    return {
      valid: false,
      message: `illegal resource policies ${namespace}/${configMap.name} configmap: it must hold exactly one data key, it has ${keys.length}`,
      location: first !== undefined ? (configMap.dataLocations[first] ?? fallback(configMap)) : fallback(configMap),
    };
  const text = configMap.data[first] ?? '';
  const base = configMap.dataLocations[first] ?? fallback(configMap);
  const lineOf = (pattern: RegExp): number | undefined => {
    const i = text.split('\n').findIndex((l) => pattern.test(l));
    return i < 0 ? undefined : i;
  };
  const at = (line: number | undefined): SourceLocation =>
    line === undefined || !text.includes('\n') ? base : { ...base, line: base.line + line };
  const keyLine = (key: string) => lineOf(new RegExp(`^\\s*(?:-\\s+)?["']?${key}["']?\\s*:`));
  try {
    const doc = decode(configMap.documents[first]);
    const known = [
      'version',
      'volumePolicies',
      ...(versionAtLeast(version, '1.17.0') ? ['includeExcludePolicy'] : []),
      ...(versionAtLeast(version, FILTER_POLICIES_SINCE) ? FILTER_POLICY_KEYS : []),
    ];
    const tooNew = FILTER_POLICY_KEYS.find((key) => key in doc && !known.includes(key));
    if (tooNew)
      throw new PolicyError(
        `field ${tooNew} not found in type ResourcePolicies (${tooNew} is new in Velero ${FILTER_POLICIES_SINCE})`,
        keyLine(tooNew),
        `upgrade Velero to ${FILTER_POLICIES_SINCE} or later, or remove ${tooNew} from the policy (and filter with the backup's scoped flags)`,
      );
    unknownKeys(doc, known, 'ResourcePolicies', keyLine);
    if (doc.volumePolicies !== undefined && doc.volumePolicies !== null) {
      if (!Array.isArray(doc.volumePolicies))
        throw new PolicyError('volumePolicies must be a list of volume policies', keyLine('volumePolicies'));
      for (const vp of doc.volumePolicies as unknown[]) checkVolumePolicy(vp, version, keyLine);
    }
    const iep = doc.includeExcludePolicy;
    let includeExcludePolicy: IncludeExcludePolicy | undefined;
    if (iep !== undefined && iep !== null) {
      if (!isObj(iep)) throw new PolicyError('includeExcludePolicy must be a mapping', keyLine('includeExcludePolicy'));
      unknownKeys(iep, SCOPED_POLICY_FIELDS, 'IncludeExcludePolicy', keyLine);
      includeExcludePolicy = {};
      for (const field of SCOPED_POLICY_FIELDS) {
        const list = stringList(iep[field], field, keyLine);
        if (list) includeExcludePolicy[field] = list;
      }
    }
    const filterPolicies = decodeFilterPolicies(doc, keyLine);
    // Validation, in Velero's order: the version, the volume policies' actions, then the include/exclude lists.
    const versionText = scalarText(doc.version);
    if (versionText !== 'v1')
      throw new PolicyError(
        `incompatible version number ${versionText} with supported version v1`,
        keyLine('version') ?? 0,
      );
    for (const vp of (doc.volumePolicies ?? []) as Obj[]) {
      const type = scalarText(isObj(vp.action) ? vp.action.type : undefined);
      if (!acceptedBy(ACTION_TYPES, version).includes(type))
        throw new PolicyError(`invalid action type ${type}`, keyLine('type'));
    }
    if (includeExcludePolicy) validateIncludeExclude(includeExcludePolicy, keyLine);
    validateFilterPolicies(filterPolicies, keyLine);
    const hasFilterPolicies = !!filterPolicies.clusterScopedFilterPolicy || !!filterPolicies.namespacedFilterPolicies;
    return {
      valid: true,
      ...(includeExcludePolicy ? { includeExcludePolicy } : {}),
      ...(hasFilterPolicies ? { filterPolicies } : {}),
      filterLocations: Object.fromEntries(
        FILTER_POLICY_KEYS.filter((key) => key in doc).map((key) => [key, at(keyLine(key))]),
      ),
      ...locationsOf(text, includeExcludePolicy, keyLine, at),
    };
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    return { valid: false, message: err.message, location: at(err.line), ...(err.fix ? { fix: err.fix } : {}) };
  }
}

function fallback(configMap: PolicyConfigMap): SourceLocation {
  return Object.values(configMap.dataLocations)[0] ?? { line: 1, column: 1 };
}

/** The decoded document as an object, or the error Velero's decoder would give. */
function decode(document: PolicyDocument | undefined): Obj {
  if (!document || 'empty' in document) throw new PolicyError('the policy is empty (EOF)');
  if ('error' in document) throw new PolicyError(document.error, document.line);
  const doc = document.value;
  if (doc === null || doc === undefined) return {};
  if (!isObj(doc))
    throw new PolicyError(`the policy must be a YAML mapping, not ${Array.isArray(doc) ? 'a list' : 'a scalar'}`, 0);
  return doc;
}

function checkVolumePolicy(vp: unknown, version: Version, keyLine: (key: string) => number | undefined): void {
  if (!isObj(vp)) throw new PolicyError('each volume policy must be a mapping', keyLine('volumePolicies'));
  unknownKeys(vp, VOLUME_POLICY_KEYS, 'VolumePolicy', keyLine);
  if (vp.action !== undefined && vp.action !== null) {
    if (!isObj(vp.action)) throw new PolicyError('action must be a mapping', keyLine('action'));
    unknownKeys(vp.action, ACTION_KEYS, 'Action', keyLine);
  }
  if (vp.conditions !== undefined && vp.conditions !== null) {
    if (!isObj(vp.conditions)) throw new PolicyError('conditions must be a mapping', keyLine('conditions'));
    unknownKeys(vp.conditions, acceptedBy(CONDITION_KEYS, version), 'volumeConditions', keyLine);
    if ('pvcLabels' in vp.conditions && !isObj(vp.conditions.pvcLabels))
      throw new PolicyError('pvcLabels must be a map of string to string', keyLine('pvcLabels'));
    if ('pvcVolumeMode' in vp.conditions && typeof vp.conditions.pvcVolumeMode !== 'string')
      throw new PolicyError('pvcVolumeMode must be a string', keyLine('pvcVolumeMode'));
    const modes = vp.conditions.pvcAccessModes;
    if ('pvcAccessModes' in vp.conditions && !(Array.isArray(modes) && modes.every((m) => typeof m === 'string')))
      throw new PolicyError('pvcAccessModes must be a list of strings', keyLine('pvcAccessModes'));
  }
}

function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

function stringList(v: unknown, field: string, keyLine: (key: string) => number | undefined): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every(isScalar))
    throw new PolicyError(`${field} must be a list of resource names`, keyLine(field));
  return v.map(scalarText);
}

function validateIncludeExclude(policy: IncludeExcludePolicy, keyLine: (key: string) => number | undefined): void {
  for (const [inc, exc] of [
    ['includedClusterScopedResources', 'excludedClusterScopedResources'],
    ['includedNamespaceScopedResources', 'excludedNamespaceScopedResources'],
  ] as const) {
    const includes = policy[inc] ?? [];
    const excludes = policy[exc] ?? [];
    if (includes.includes('*') || excludes.includes('*'))
      throw new PolicyError(
        "cannot use '*' in includes or excludes filters in the policy",
        keyLine(includes.includes('*') ? inc : exc),
      );
    // Velero walks the excludes as a sorted set and names the first one that is also included.
    const both = [...new Set(excludes)].sort().find((e) => includes.includes(e));
    if (both !== undefined)
      throw new PolicyError(`excludes list cannot contain an item in the includes list: ${both}`, keyLine(exc));
  }
}

function locationsOf(
  text: string,
  policy: IncludeExcludePolicy | undefined,
  keyLine: (key: string) => number | undefined,
  at: (line: number | undefined) => SourceLocation,
): Pick<Extract<PolicyReading, { valid: true }>, 'locations' | 'entryLocations'> {
  const locations: Partial<Record<ScopedPolicyField, SourceLocation>> = {};
  const entryLocations: Partial<Record<ScopedPolicyField, SourceLocation[]>> = {};
  const lines = text.split('\n');
  for (const field of SCOPED_POLICY_FIELDS) {
    const list = policy?.[field];
    if (!list) continue;
    const start = keyLine(field);
    locations[field] = at(start);
    // Block-style entries (`- secrets`) sit on the lines after the key; flow-style ones on the key's line.
    entryLocations[field] = list.map((entry) => {
      if (start === undefined) return at(start);
      for (let i = start + 1; i < lines.length && /^\s*(-|#|$)/.test(lines[i] ?? ''); i++)
        if (new RegExp(`^\\s*-\\s*["']?${escapeRegExp(entry)}["']?\\s*(#.*)?$`).test(lines[i] ?? '')) return at(i);
      return at(start);
    });
  }
  return { locations, entryLocations };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The backup's scoped filters with the policy merged in, as Velero merges them: the Backup spec has priority,
 * so a policy entry (resolved like a scoped flag's: aliases to canonical names, the other scope dropped) is
 * added to a list only when neither the spec's include list nor its exclude list of that scope already
 * matches it. Adding an include to an empty ("everything") include list narrows it to that entry.
 * The old-style engine never reads the policy (that combination fails validation instead).
 */
export function withPolicy(spec: BackupSpec, policy: IncludeExcludePolicy | undefined): BackupSpec {
  if (!policy) return spec;
  const merged: BackupSpec = { ...spec };
  const scopes = [
    ['includedNamespaceScopedResources', 'excludedNamespaceScopedResources', true],
    ['includedClusterScopedResources', 'excludedClusterScopedResources', false],
  ] as const;
  for (const [incField, excField, namespaced] of scopes) {
    // Velero merges the excludes first, then the includes, each checked against the lists as they grow.
    for (const [from, into] of [
      [excField, excField],
      [incField, incField],
    ] as const) {
      for (const entry of keepScope(policy[from], namespaced) ?? []) {
        const resolved = resolveResource(entry)?.canonical ?? entry;
        if (listMatches(merged[incField], resolved) || listMatches(merged[excField], resolved)) continue;
        merged[into] = [...(merged[into] ?? []), resolved];
      }
    }
  }
  return merged;
}

/** The includeExcludePolicy a Backup or Schedule subject's filters are merged with, when its policy was read. */
export function includeExcludePolicyOf(subject: Subject, ctx: LintContext): IncludeExcludePolicy | undefined {
  const lookup = policyFor(subject, ctx);
  return lookup.state === 'seen' && lookup.reading.valid ? lookup.reading.includeExcludePolicy : undefined;
}

/** The context with the resource-policy ConfigMaps among `subjects` added, so the subjects that name one find it. */
export function withPolicyConfigMaps(ctx: LintContext, subjects: readonly Subject[]): LintContext {
  const found = subjects.flatMap((s) => (s.policyConfigMap ? [s.policyConfigMap] : []));
  if (found.length === 0) return ctx;
  // The subjects' own come first: a ConfigMap among the files wins over the same one read from the cluster.
  return { ...ctx, resourcePolicyConfigMaps: [...found, ...(ctx.resourcePolicyConfigMaps ?? [])] };
}
