// Shared by the packaging tests: the repo root, the pins hack/build-plugin uses, and typed access to the
// smoke client in hack/packaging/smoke.mjs (plain JS so the Docker build can run it before any tsc).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function findRepoRoot(from: string): string {
  let dir = from;
  for (let i = 0; i < 10; i++) {
    if (existsSync(join(dir, 'hack', 'build-plugin'))) return dir;
    dir = dirname(dir);
  }
  throw new Error(`no repo root above ${from}`);
}

export const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

/** KEY=VALUE lines of hack/packaging/pins.env. */
export const pins: Record<string, string> & { PLUGIN_NAME: string; PLUGIN_LIBS_DIR: string; MAX_GLIBC: string } =
  (() => {
    const values: Record<string, string> = {};
    for (const line of readFileSync(join(repoRoot, 'hack/packaging/pins.env'), 'utf8').split('\n')) {
      const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
      if (m?.[1] && m[2] !== undefined) values[m[1]] = m[2];
    }
    for (const k of ['PLUGIN_NAME', 'PLUGIN_LIBS_DIR', 'MAX_GLIBC'])
      if (!values[k]) throw new Error(`pins.env lacks ${k}`);
    return values as Record<string, string> & { PLUGIN_NAME: string; PLUGIN_LIBS_DIR: string; MAX_GLIBC: string };
  })();

/** hack/packaging/check-tree.mjs's static gates (no smoke handshake) on a tree: ok, and what it printed. */
export function checkTree(dir: string): { ok: boolean; output: string } {
  const r = spawnSync(
    'node',
    [
      join(repoRoot, 'hack/packaging/check-tree.mjs'),
      dir,
      '--name',
      pins.PLUGIN_NAME,
      '--libs',
      pins.PLUGIN_LIBS_DIR,
      '--max-glibc',
      pins.MAX_GLIBC,
      '--no-smoke',
    ],
    { encoding: 'utf8' },
  );
  return { ok: r.status === 0, output: r.stderr };
}

const cacheDir = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'velero-plugin-for-cert-manager');

export interface SmokeOptions {
  command: string;
  args?: string[];
  env?: Record<string, string>;
  root?: string;
  expectCommand?: string;
  timeoutMs?: number;
}

export interface SmokeResult {
  handshakeMs: number;
  idleRssKb?: number;
  uid?: number;
  plugins: { command: string; kind: string; name: string }[];
  shutdownMs: number;
  exitCode: number | null;
}

export const packaging = {
  async smoke(options: SmokeOptions): Promise<SmokeResult> {
    const mod = (await import(pathToFileURL(join(repoRoot, 'hack/packaging/smoke.mjs')).href)) as {
      smoke(o: SmokeOptions): Promise<SmokeResult>;
    };
    return mod.smoke(options);
  },
  /** The patchelf hack/build-plugin fetched into the cache. */
  patchelf(): string {
    const tools = join(cacheDir, 'tools');
    const dir = existsSync(tools)
      ? readdirSync(tools).find((d) => d.startsWith(`patchelf-${pins.PATCHELF_DEB_VERSION ?? ''}`))
      : undefined;
    if (!dir) throw new Error(`no patchelf under ${tools}: run hack/build-plugin first`);
    return join(tools, dir, 'usr/bin/patchelf');
  },
};
