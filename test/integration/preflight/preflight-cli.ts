/** The built velero-cm-preflight, run as a user runs it, for the integration tests that drive it. */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PREFLIGHT_CLI = join(dirname(fileURLToPath(import.meta.url)), '../../../src/preflight/cli.js');

/** Runs the CLI against the cluster of `kubeconfig`; its exit status and both streams. */
export function runPreflight(kubeconfig: string, args: string[]) {
  const r = spawnSync(process.execPath, [PREFLIGHT_CLI, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, KUBECONFIG: kubeconfig },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
