#!/usr/bin/env node
// Bundles the plugin entry point and everything it imports into one CommonJS file, the only module format
// a Node single executable application can run. Usage: node bundle.mjs ENTRY OUTFILE NODE_MAJOR [--snapshot]
// --snapshot: the bundle becomes a V8 startup snapshot (see src/plugin-snapshot.ts).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const [entry, outfile, nodeMajor, ...flags] = process.argv.slice(2);
const forSnapshot = flags.includes('--snapshot');
if (!entry || !outfile || !nodeMajor || flags.some((f) => f !== '--snapshot')) {
  console.error('usage: bundle.mjs ENTRY OUTFILE NODE_MAJOR [--snapshot]');
  process.exit(2);
}
const result = await build({
  // Dependencies come from this repo's node_modules even for an entry outside the tree.
  nodePaths: [join(repoRoot, 'node_modules')],
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: `node${nodeMajor}`,
  minify: true,
  // Keep names: stack traces and error messages in the Velero log stay readable.
  keepNames: true,
  legalComments: 'none',
  sourcemap: false,
  metafile: true,
  logLevel: 'warning',
  // import.meta.url has no meaning inside the executable; code that needs its own path uses process.argv[1].
  define: { 'import.meta.url': 'undefined' },
  // A process started from a snapshot has no dynamic import() (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), so
  // import() of a built-in such as node:sea becomes require(); bundled modules are plain function calls anyway.
  ...(forSnapshot ? { supported: { 'dynamic-import': false } } : {}),
}).catch(() => process.exit(1)); // esbuild has already printed the errors
if (result.errors.length > 0) process.exit(1);
const inputs = Object.keys(result.metafile.inputs);
// Anything that reads .proto files from disk at run time would break once the source tree is gone.
const protoFiles = inputs.filter((p) => p.endsWith('.proto'));
if (protoFiles.length > 0) {
  console.error(`bundle: .proto files cannot be bundled, embed descriptors instead: ${protoFiles.join(', ')}`);
  process.exit(1);
}
console.error(
  `bundle: ${inputs.length} modules -> ${outfile} (${(result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].bytes / 1024).toFixed(0)} KiB)`,
);
