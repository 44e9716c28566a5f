#!/usr/bin/env node
// Writes a CycloneDX SBOM for the plugin tree hack/build-plugin delivers: the npm runtime dependencies
// (as `npm sbom` resolves them from the lockfile; the bundle holds a subset of these), plus the two
// things npm does not know about: the Node.js binary the single executable is made of and the Debian
// C++ runtime shipped next to it, each with the SHA-256 of the file actually in the tree.
//
//   node hack/packaging/sbom.mjs TREE_DIR OUTPUT.json
//
// Needs the variables of hack/packaging/pins.env in the environment (hack/build-plugin exports them).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [tree, output] = process.argv.slice(2);
if (!tree || !output) {
  console.error('usage: sbom.mjs TREE_DIR OUTPUT.json');
  process.exit(2);
}
const need = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`sbom.mjs: ${name} is not set (run from hack/build-plugin)`);
  return value;
};
const arch = need('SBOM_ARCH');
const nodeVersion = need('SBOM_NODE_VERSION');
const pluginName = need('PLUGIN_NAME');
const libsDir = need('PLUGIN_LIBS_DIR');
const suite = need('CXX_RUNTIME_SUITE');

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const hashes = (file) => [{ alg: 'SHA-256', content: sha256(file) }];

const bom = JSON.parse(
  execFileSync('npm', ['sbom', '--sbom-format', 'cyclonedx', '--omit', 'dev', '--sbom-type', 'application'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }),
);

const debian = (name, version, file) => ({
  type: 'library',
  'bom-ref': `deb:${name}@${version}`,
  name,
  version,
  purl: `pkg:deb/debian/${name}@${version}?arch=${arch}&distro=${suite}`,
  hashes: hashes(join(tree, libsDir, file)),
});
bom.components = [
  ...(bom.components ?? []),
  {
    type: 'platform',
    'bom-ref': `nodejs@${nodeVersion}`,
    name: 'node',
    version: nodeVersion,
    description: `Node.js runtime (official linux-${arch === 'amd64' ? 'x64' : arch} binary) that ${pluginName} is a single executable of`,
    purl: `pkg:generic/nodejs/node@${nodeVersion}?arch=${arch}`,
    hashes: hashes(join(tree, pluginName)),
  },
  debian('libstdc++6', need('LIBSTDCXX_DEB_VERSION'), 'libstdc++.so.6'),
  debian('libgcc-s1', need('LIBGCC_DEB_VERSION'), 'libgcc_s.so.1'),
];
writeFileSync(output, JSON.stringify(bom, null, 2) + '\n');
console.error(`sbom: ${bom.components.length} components -> ${output}`);
