/**
 * Reads a Velero backup tarball (`velero backup download`): the items it holds, by the archive's
 * layout resources/<resource[.group]>/{namespaces/<ns>|cluster}/<name>.json (the preferred-version
 * copies under v1-preferredversion/ etc. are the same items and are folded together).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustRun } from './proc.js';

export interface BackupItem {
  /** "secrets", "certificates.cert-manager.io", ... as in the archive. */
  resource: string;
  namespace: string;
  name: string;
  /** Path of the item's JSON inside the extracted directory. */
  file: string;
}

export interface BackupContents {
  dir: string;
  items: BackupItem[];
  has(resource: string, namespace: string, name: string): boolean;
  ofResource(resource: string): BackupItem[];
  read(item: BackupItem): Record<string, unknown>;
}

export async function extractBackup(tarball: string, into: string): Promise<BackupContents> {
  mkdirSync(into, { recursive: true });
  await mustRun('tar', ['-xzf', tarball, '-C', into], { timeoutMs: 60_000 });
  const listing = await mustRun('tar', ['-tzf', tarball], { timeoutMs: 60_000 });
  const seen = new Map<string, BackupItem>();
  for (const entry of listing.split('\n')) {
    // resources/<resource>/<version dir>?/namespaces/<ns>/<name>.json or resources/<resource>/<version dir>?/cluster/<name>.json
    const parts = entry.replace(/^\.\//, '').split('/');
    if (parts[0] !== 'resources' || !entry.endsWith('.json') || parts.length < 4) continue;
    const resource = parts[1] ?? '';
    const rest = parts.slice(2);
    if (rest[0]?.endsWith('-preferredversion') || /^v\d/.test(rest[0] ?? '')) rest.shift();
    let namespace = '';
    let name: string;
    if (rest[0] === 'namespaces' && rest.length === 3) {
      namespace = rest[1] ?? '';
      name = (rest[2] ?? '').replace(/\.json$/, '');
    } else if (rest[0] === 'cluster' && rest.length === 2) {
      name = (rest[1] ?? '').replace(/\.json$/, '');
    } else continue;
    const key = `${resource}/${namespace}/${name}`;
    if (!seen.has(key)) seen.set(key, { resource, namespace, name, file: join(into, entry) });
  }
  const items = [...seen.values()];
  return {
    dir: into,
    items,
    has: (resource, namespace, name) => seen.has(`${resource}/${namespace}/${name}`),
    ofResource: (resource) => items.filter((item) => item.resource === resource),
    read: (item) => JSON.parse(readFileSync(item.file, 'utf8')) as Record<string, unknown>,
  };
}
