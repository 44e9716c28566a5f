/**
 * Velero's backup layout, read from the entries of a downloaded backup tarball:
 *
 *   resources/<resource.group>/namespaces/<namespace>/<name>.json
 *   resources/<resource.group>/cluster/<name>.json
 *   resources/<resource.group>/<version>-preferredversion/{namespaces/<ns>,cluster}/<name>.json
 *   resources/<resource.group>/<version>/...            (other versions, with EnableAPIGroupVersions)
 *   metadata/version                                    (the backup format version, e.g. 1.1.0)
 *
 * The preferred version is written twice (unversioned and under `-preferredversion`); each item is kept
 * once, preferring those two copies over non-preferred versions.
 */
import type { KubeObject } from './findings.js';
import type { TarEntry } from './tar.js';
import { at } from '../checked.js';

export interface BackupItem {
  /** `certificates.cert-manager.io`, `secrets` (core has no group suffix), as Velero writes it. */
  groupResource: string;
  /** '' for cluster-scoped items. */
  namespace: string;
  name: string;
  object: KubeObject;
  /** Path inside the archive, for messages. */
  path: string;
}

export interface BackupContents {
  formatVersion?: string;
  items: BackupItem[];
  /** Files that look like items but could not be parsed. */
  problems: { path: string; message: string }[];
}

interface ParsedPath {
  groupResource: string;
  namespace: string;
  name: string;
  /** 0: unversioned, 1: preferred version folder, 2: another version. */
  rank: number;
}

export function parseItemPath(path: string): ParsedPath | undefined {
  const parts = path.split('/');
  if (parts[0] !== 'resources' || parts.length < 4) return undefined;
  const groupResource = at(parts, 1);
  let rest = parts.slice(2);
  let rank = 0;
  if (rest[0] !== 'namespaces' && rest[0] !== 'cluster') {
    rank = at(rest, 0).endsWith('-preferredversion') ? 1 : 2;
    rest = rest.slice(1);
  }
  const file = rest[rest.length - 1];
  if (!file?.endsWith('.json')) return undefined;
  const name = file.slice(0, -'.json'.length);
  if (rest[0] === 'cluster' && rest.length === 2) return { groupResource, namespace: '', name, rank };
  if (rest[0] === 'namespaces' && rest.length === 3) return { groupResource, namespace: at(rest, 1), name, rank };
  return undefined;
}

function isKubeObject(value: unknown): value is KubeObject {
  const v = value as Partial<KubeObject> | null;
  return (
    !!v &&
    typeof v === 'object' &&
    typeof v.apiVersion === 'string' &&
    typeof v.kind === 'string' &&
    !!v.metadata &&
    typeof v.metadata === 'object'
  );
}

export function backupContents(entries: readonly TarEntry[]): BackupContents {
  const chosen = new Map<string, { parsed: ParsedPath; entry: TarEntry }>();
  let formatVersion: string | undefined;
  for (const entry of entries) {
    if (entry.path === 'metadata/version') {
      formatVersion = entry.data.toString('utf8').trim();
      continue;
    }
    const parsed = parseItemPath(entry.path);
    if (!parsed) continue;
    const key = `${parsed.groupResource}\0${parsed.namespace}\0${parsed.name}`;
    const previous = chosen.get(key);
    if (!previous || parsed.rank < previous.parsed.rank) chosen.set(key, { parsed, entry });
  }
  const items: BackupItem[] = [];
  const problems: BackupContents['problems'] = [];
  for (const { parsed, entry } of chosen.values()) {
    let object: unknown;
    try {
      object = JSON.parse(entry.data.toString('utf8'));
    } catch (err) {
      problems.push({ path: entry.path, message: `not valid JSON: ${(err as Error).message}` });
      continue;
    }
    if (!isKubeObject(object)) {
      problems.push({ path: entry.path, message: 'not a Kubernetes object (apiVersion, kind or metadata missing)' });
      continue;
    }
    items.push({
      groupResource: parsed.groupResource,
      namespace: parsed.namespace,
      name: parsed.name,
      object,
      path: entry.path,
    });
  }
  items.sort(
    (a, b) =>
      a.groupResource.localeCompare(b.groupResource) ||
      a.namespace.localeCompare(b.namespace) ||
      a.name.localeCompare(b.name),
  );
  return { ...(formatVersion !== undefined ? { formatVersion } : {}), items, problems };
}
