/** Where the end-to-end harness finds the repository and keeps its downloads and builds. */
import { homedir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

/** The repository root, found from this file whether it runs from test/ (ts) or dist/test/ (js). */
export const repoRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'hack'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('e2e harness: cannot find the repository root above ' + fileURLToPath(import.meta.url));
})();

/** ${XDG_CACHE_HOME:-$HOME/.cache}/velero-plugin-for-cert-manager: shared with the other test tools. */
export function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache'); // eslint-disable-line @typescript-eslint/prefer-nullish-coalescing -- an empty XDG_CACHE_HOME means unset (XDG spec);
  return join(base, 'velero-plugin-for-cert-manager');
}
