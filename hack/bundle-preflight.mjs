#!/usr/bin/env node
// Bundles the preflight CLI (src/preflight/cli.ts) into dist/src/preflight/cli.js, replacing tsc's output
// of that one file, so `velero-cm-preflight` loads one module instead of ~70 at start. The formatters,
// docs, config and file readers (with js-yaml) stay separate chunks loaded only when needed.
// Run after tsc (npm run build); the other dist/src/preflight/*.js files stay tsc's, for the unit tests.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: { cli: join(root, 'src/preflight/cli.ts') },
  outdir: join(root, 'dist/src/preflight'),
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Runtime dependencies stay in node_modules (installed with the package); bundling is only about our own modules.
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
chmodSync(join(root, 'dist/src/preflight/cli.js'), 0o755);
