#!/usr/bin/env node
// `npm run demo`: the README's first command. From a fresh clone it installs the npm packages if they are
// missing, builds, then runs test/e2e/harness/demo.ts: a real Velero server backs up a cert-manager
// cluster and restores it into a fresh one, with the plugin and without it, and prints what changed.
// Everything it needs (Velero, its AWS plugin, moto, etcd, kube-apiserver, the packaged plugin) is built
// or installed once into ${XDG_CACHE_HOME:-$HOME/.cache}/velero-plugin-for-cert-manager.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const step = (what, cmd, args) => {
  console.log(`[demo] ${what}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[demo] ${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
};

if (!existsSync(join(root, 'node_modules', '.bin', 'tsc')))
  step('installing npm packages (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']);
step('building (npm run build)', 'npm', ['run', '--silent', 'build']);
const { runDemo } = await import(pathToFileURL(join(root, 'dist', 'test', 'e2e', 'harness', 'demo.js')).href);
process.exit((await runDemo()) ? 0 : 1);
