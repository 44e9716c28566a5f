/**
 * The spec rules evaluate, read from a Backup, Schedule template or Restore object already parsed from YAML. Kept
 * apart from the YAML reader so the engine can re-read a fixed spec without loading js-yaml.
 */
import type { BackupSpec, RestoreSpec } from './spec.js';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A YAML scalar as text; objects and lists are not scalars (never "[object Object]"). */
export const text = (v: unknown, fallback = ''): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : fallback;
const strList = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.map((x) => text(x, JSON.stringify(x))) : undefined;

export const BACKUP_LIST_KEYS = [
  'includedNamespaces',
  'excludedNamespaces',
  'includedResources',
  'excludedResources',
  'includedClusterScopedResources',
  'excludedClusterScopedResources',
  'includedNamespaceScopedResources',
  'excludedNamespaceScopedResources',
] as const;

export function backupSpecFrom(spec: Obj): BackupSpec {
  const out: BackupSpec = {};
  for (const key of BACKUP_LIST_KEYS) {
    const list = strList(spec[key]);
    if (list) out[key] = list;
  }
  if (typeof spec.includeClusterResources === 'boolean') out.includeClusterResources = spec.includeClusterResources;
  if (spec.labelSelector !== undefined && spec.labelSelector !== null) out.labelSelector = spec.labelSelector;
  if (Array.isArray(spec.orLabelSelectors)) out.orLabelSelectors = spec.orLabelSelectors;
  if (spec.ttl !== undefined) out.ttl = text(spec.ttl, JSON.stringify(spec.ttl));
  if (isObj(spec.resourcePolicy)) out.resourcePolicy = spec.resourcePolicy;
  return out;
}

export function restoreSpecFrom(spec: Obj): RestoreSpec {
  const out: RestoreSpec = {};
  if (typeof spec.backupName === 'string') out.backupName = spec.backupName;
  if (typeof spec.scheduleName === 'string') out.scheduleName = spec.scheduleName;
  for (const key of ['includedNamespaces', 'excludedNamespaces', 'includedResources', 'excludedResources'] as const) {
    const list = strList(spec[key]);
    if (list) out[key] = list;
  }
  if (typeof spec.includeClusterResources === 'boolean') out.includeClusterResources = spec.includeClusterResources;
  if (isObj(spec.namespaceMapping))
    out.namespaceMapping = Object.fromEntries(Object.entries(spec.namespaceMapping).map(([k, v]) => [k, text(v)]));
  if (spec.labelSelector !== undefined && spec.labelSelector !== null) out.labelSelector = spec.labelSelector;
  if (Array.isArray(spec.orLabelSelectors)) out.orLabelSelectors = spec.orLabelSelectors;
  if (typeof spec.existingResourcePolicy === 'string') out.existingResourcePolicy = spec.existingResourcePolicy;
  if (isObj(spec.restoreStatus)) {
    const rs = spec.restoreStatus;
    out.restoreStatus = {};
    const inc = strList(rs.includedResources);
    const exc = strList(rs.excludedResources);
    if (inc) out.restoreStatus.includedResources = inc;
    if (exc) out.restoreStatus.excludedResources = exc;
  }
  return out;
}
