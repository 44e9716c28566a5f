// The Dockerfile built without a Docker engine (buildah, chroot isolation, vfs storage), every stage: the build
// stage runs hack/build-plugin from the build context in a stand-in for the Node base image, the final stage
// copies its tree (hack/packaging/image-build). The image is unpacked with umoci and its entrypoint run as the
// init container runs it. What landed in /target must be, byte for byte, the tree hack/build-plugin made here
// (the build is reproducible), pass every gate and start inside a glibc 2.31 root. Needs root.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { checkTree, packaging, pins, repoRoot } from './helpers.js';

const tree = process.env.VCM_PLUGIN_TREE ?? join(repoRoot, 'out', 'plugins');

interface RuntimeConfig {
  process: { user: { uid: number; gid: number }; args: string[] };
  annotations: Record<string, string>;
}

/** relative path -> [mode, sha256] for every file under dir (directories by mode only). */
function inventory(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  (function walk(d: string) {
    for (const entry of readdirSync(d)) {
      const p = join(d, entry);
      const st = lstatSync(p);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isDirectory()) {
        out.set(relative(dir, p) + '/', mode);
        walk(p);
      } else out.set(relative(dir, p), `${mode} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`);
    }
  })(dir);
  return out;
}

describe('plugin image (the Dockerfile, every stage)', function () {
  // A full image build: Debian packages, npm ci and hack/build-plugin inside the build stage (about 2 minutes).
  this.timeout(1_200_000);
  let scratch: string;
  let config: RuntimeConfig;

  before(function () {
    if (process.getuid?.() !== 0) this.skip(); // buildah, chroot and mounts need root; CI runs as root
    scratch = mkdtempSync(join(tmpdir(), 'vcm-image-'));
    const r = spawnSync(
      join(repoRoot, 'hack/packaging/image-build'),
      [join(scratch, 'img'), '--version', '1.2.3-test'],
      {
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`image-build failed:\n${r.stderr}`);
    config = JSON.parse(readFileSync(join(scratch, 'img/bundle/config.json'), 'utf8')) as RuntimeConfig;
  });
  after(() => scratch && rmSync(scratch, { recursive: true, force: true }));

  it('runs as non-root 65532 and its entrypoint copies exactly the two plugin entries into /target', () => {
    expect(config.process.user).to.deep.equal({ uid: 65532, gid: 65532 });
    expect(config.process.args).to.deep.equal([
      '/bin/cp',
      '-r',
      `/plugins/${pins.PLUGIN_NAME}`,
      `/plugins/${pins.PLUGIN_LIBS_DIR}`,
      '/target/',
    ]);
  });

  it('carries the OCI labels: version, source, licence', () => {
    expect(config.annotations['org.opencontainers.image.version']).to.equal('1.2.3-test');
    expect(config.annotations['org.opencontainers.image.source']).to.match(/^https:\/\//);
    expect(config.annotations['org.opencontainers.image.licenses']).to.equal('Apache-2.0');
  });

  it('holds nothing but the copy tool and the plugin tree, which passes the gates in the image itself', () => {
    const rootfs = join(scratch, 'img/bundle/rootfs');
    // `target` is only the mount point image-build made to run the entrypoint.
    expect(
      readdirSync(rootfs)
        .filter((e) => e !== 'target')
        .sort(),
    ).to.deep.equal(['bin', 'plugins']);
    expect(readdirSync(join(rootfs, 'bin'))).to.deep.equal(['cp']);
    const gates = checkTree(join(rootfs, 'plugins'));
    expect(gates.ok, gates.output).to.equal(true);
  });

  it('leaves in /target, byte for byte, the tree hack/build-plugin made outside the image, modes kept, owned by the init container user', () => {
    const target = join(scratch, 'img/target');
    expect(inventory(target)).to.deep.equal(inventory(tree));
    expect(lstatSync(join(target, pins.PLUGIN_NAME)).uid).to.equal(65532);
  });

  it('the copied plugin starts and answers in a glibc 2.31 root as uid 1002', async () => {
    const mk = spawnSync(
      join(repoRoot, 'hack/packaging/chroot-env'),
      [join(scratch, 'env'), '--suite', 'bullseye', '--tree', join(scratch, 'img/target')],
      {
        encoding: 'utf8',
      },
    );
    expect(mk.status, mk.stderr).to.equal(0);
    const result = await packaging.smoke({
      command: join(scratch, 'env/run'),
      expectCommand: `/plugins/${pins.PLUGIN_NAME}`,
    });
    expect(result.uid).to.equal(1002);
    expect(result.plugins.length).to.be.greaterThan(0);
  });
});
