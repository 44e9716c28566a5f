/**
 * Builds or installs the external programs the end-to-end suite runs, once, into the cache dir:
 *   velero/<version>-<module hash>/velero          from hack/e2e/velero-v<minor> (Go module, pinned)
 *   velero-plugin-for-aws/<version>/velero-plugin-for-aws   from the upstream Go module
 *   moto/<version>/venv                            moto's S3 server, from PyPI
 * Each is built into a temporary name and renamed, so an interrupted build never leaves a broken tool.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, repoRoot } from './paths.js';
import { mustRun } from './proc.js';
import { AWS_PLUGIN, MOTO, type VeleroRelease } from './versions.js';

export type Progress = (message: string) => void;

/** The default Progress: callers that show no progress pass nothing. */
export const silentProgress: Progress = () => undefined;

const BUILD_TIMEOUT_MS = 40 * 60_000;

function moduleHash(moduleDir: string): string {
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(readFileSync(join(moduleDir, file)));
  return hash.digest('hex').slice(0, 10);
}

/** The velero binary (CLI and server) for a release, built from its wrapper module if not cached. */
export async function ensureVelero(release: VeleroRelease, progress: Progress = silentProgress): Promise<string> {
  const moduleDir = join(repoRoot, release.module);
  const dir = join(cacheDir(), 'velero', `${release.version}-${moduleHash(moduleDir)}`);
  const binary = join(dir, 'velero');
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  progress(`building Velero ${release.version} from ${release.module} (first run only; several minutes)`);
  const partial = `${binary}.partial-${process.pid}`;
  await mustRun(
    'go',
    [
      'build',
      '-trimpath',
      '-ldflags',
      `-s -w -X github.com/vmware-tanzu/velero/pkg/buildinfo.Version=${release.version}`,
      '-o',
      partial,
      '.',
    ],
    { cwd: moduleDir, timeoutMs: BUILD_TIMEOUT_MS },
  );
  renameSync(partial, binary);
  return binary;
}

/** Velero's AWS object-store plugin, built from its upstream Go module (downloaded via the module proxy). */
export async function ensureAwsPlugin(progress: Progress = silentProgress): Promise<string> {
  const dir = join(cacheDir(), 'velero-plugin-for-aws', AWS_PLUGIN.version);
  const binary = join(dir, 'velero-plugin-for-aws');
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  progress(`building ${AWS_PLUGIN.module}@${AWS_PLUGIN.version} (first run only)`);
  const download = await mustRun('go', ['mod', 'download', '-json', `${AWS_PLUGIN.module}@${AWS_PLUGIN.version}`], {
    cwd: dir,
    timeoutMs: BUILD_TIMEOUT_MS,
  });
  const sourceDir = (JSON.parse(download) as { Dir?: string }).Dir;
  if (!sourceDir) throw new Error(`go mod download gave no directory for ${AWS_PLUGIN.module}`);
  const partial = `${binary}.partial-${process.pid}`;
  // Built as its own main module so its go.mod (and any replace in it) applies exactly as upstream builds it.
  await mustRun(
    'go',
    ['-C', sourceDir, 'build', '-trimpath', '-ldflags', '-s -w', '-o', partial, './velero-plugin-for-aws'],
    {
      cwd: dir,
      timeoutMs: BUILD_TIMEOUT_MS,
      env: { ...process.env, GOFLAGS: '-mod=readonly' },
    },
  );
  renameSync(partial, binary);
  return binary;
}

/** moto_server from a venv in the cache dir (created in place: a venv cannot be moved; a marker file says it is complete). */
export async function ensureMoto(progress: Progress = silentProgress): Promise<string> {
  const dir = join(cacheDir(), 'moto', MOTO.version);
  const server = join(dir, 'venv', 'bin', 'moto_server');
  const marker = join(dir, '.installed');
  if (existsSync(marker) && existsSync(server)) return server;
  progress(`installing moto ${MOTO.version} (S3 server) from PyPI into ${dir} (first run only)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const python = process.env.PYTHON ?? 'python3';
  await mustRun(python, ['-m', 'venv', join(dir, 'venv')], { timeoutMs: 120_000 });
  await mustRun(
    join(dir, 'venv', 'bin', 'pip'),
    ['install', '--quiet', '--disable-pip-version-check', `moto[s3,server]==${MOTO.version}`],
    {
      timeoutMs: 15 * 60_000,
    },
  );
  writeFileSync(marker, `moto[s3,server]==${MOTO.version}\n`);
  return server;
}
