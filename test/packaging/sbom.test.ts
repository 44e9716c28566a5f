// The CycloneDX SBOM hack/build-plugin writes beside the plugin tree: it must name what the tree is made
// of (the npm runtime dependencies, the Node.js binary, the Debian C++ runtime) with the hashes of the
// files actually shipped, so an operator can check the image they install against it.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pins, repoRoot } from './helpers.js';

const tree = process.env.VCM_PLUGIN_TREE ?? join(repoRoot, 'out', 'plugins');

interface Component {
  name: string;
  version: string;
  purl?: string;
  hashes?: { alg: string; content: string }[];
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('plugin tree SBOM (CycloneDX)', () => {
  const sbomFile = join(dirname(tree), `${pins.PLUGIN_NAME}.amd64.cdx.json`);
  let components: Component[] = [];

  before(function () {
    if (!existsSync(sbomFile)) throw new Error(`no SBOM at ${sbomFile}: run hack/build-plugin first`);
    const bom = JSON.parse(readFileSync(sbomFile, 'utf8')) as { bomFormat: string; components?: Component[] };
    expect(bom.bomFormat).to.equal('CycloneDX');
    components = bom.components ?? [];
  });

  it('lists every runtime dependency of package.json', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const [name, version] of Object.entries(pkg.dependencies)) {
      expect(
        components.some((c) => c.name === name && c.version === version),
        name,
      ).to.equal(true);
    }
  });

  it('names the Node.js binary and the C++ runtime with the hashes of the shipped files', () => {
    const byName = (name: string): Component => {
      const found = components.find((c) => c.name === name);
      if (!found) throw new Error(`${name} missing from the SBOM`);
      return found;
    };
    expect(byName('node').version).to.equal(pins.NODE_VERSION);
    expect(byName('node').hashes?.[0]?.content).to.equal(sha256(join(tree, pins.PLUGIN_NAME)));
    expect(byName('libstdc++6').purl).to.contain(`distro=${pins.CXX_RUNTIME_SUITE}`);
    expect(byName('libstdc++6').hashes?.[0]?.content).to.equal(
      sha256(join(tree, pins.PLUGIN_LIBS_DIR, 'libstdc++.so.6')),
    );
    expect(byName('libgcc-s1').hashes?.[0]?.content).to.equal(
      sha256(join(tree, pins.PLUGIN_LIBS_DIR, 'libgcc_s.so.1')),
    );
  });

  it('is written beside the tree, never inside /plugins', () => {
    expect(existsSync(join(tree, `${pins.PLUGIN_NAME}.amd64.cdx.json`))).to.equal(false);
  });
});
