/** Where things live: the repository (found from this file, compiled or not) and the shared cache. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** The repository root: the nearest ancestor of this file with hack/testenv in it. */
export function repoRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 10; i++) {
    if (existsSync(join(dir, 'hack', 'testenv')) && existsSync(join(dir, 'package.json'))) {
      cachedRoot = dir;
      return dir;
    }
    dir = dirname(dir);
  }
  throw new Error('cannot find the repository root (a directory with hack/testenv and package.json)');
}

/** ${XDG_CACHE_HOME:-$HOME/.cache}/velero-plugin-for-cert-manager/testenv: binaries and rendered manifests. */
export function cacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  const base = xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache');
  return join(base, 'velero-plugin-for-cert-manager', 'testenv');
}
