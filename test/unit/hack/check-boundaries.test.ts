import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Violation {
  file: string;
  line: number;
  spec: string;
  typeOnly: boolean;
  rule: string;
}
interface BoundariesModule {
  checkBoundaries(rootDir: string): { files: number; violations: Violation[] };
  findImports(text: string): { spec: string; line: number; typeOnly: boolean }[];
}

/** The repository root: the tests run from dist/test/unit/hack, the script lives in hack/. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 10 && !existsSync(join(dir, 'hack', 'check-boundaries.mjs')); i++) dir = dirname(dir);
  return dir;
}
const script = join(repoRoot(), 'hack', 'check-boundaries.mjs');
const boundaries = (await import(pathToFileURL(script).href)) as BoundariesModule;

describe('hack/check-boundaries', () => {
  let root: string;
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const violations = (): Violation[] => boundaries.checkBoundaries(root).violations;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'boundaries-'));
    write('src/host/action.ts', 'export interface KubeObject { kind: string }\n');
    write('src/certmanager/kinds.ts', "export const GROUP = 'cert-manager.io';\n");
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('passes a tree whose imports all stay within the rules', () => {
    write(
      'src/certmanager/refs.ts',
      "import type { KubeObject } from '../host/action.js';\nimport { GROUP } from './kinds.js';\n",
    );
    write(
      'src/actions/backup/certificate.ts',
      "import { GROUP } from '../../certmanager/kinds.js';\nimport type { KubeObject } from '../../host/action.js';\n",
    );
    write(
      'src/kube/client.ts',
      "import { KubeConfig } from '@kubernetes/client-node';\nimport { GROUP } from '../certmanager/kinds.js';\n",
    );
    write('src/preflight/cluster/live.ts', "import { KubeConfig } from '@kubernetes/client-node';\n");
    write('src/preflight/cli.ts', "import { VERSION } from '../version.js';\n");
    write('src/host/serve.ts', "import { VERSION } from '../version.js';\n");
    write(
      'src/plugin.ts',
      "import { serve } from './host/server.js';\nimport { actions } from './actions/index.js';\nimport '@grpc/grpc-js';\n",
    );
    expect(violations()).to.deep.equal([]);
  });

  it('reports a host module importing product code, with file, line and the rule', () => {
    write(
      'src/host/server.ts',
      "import { status } from '@grpc/grpc-js';\n\nimport { GROUP } from '../certmanager/kinds.js';\n",
    );
    const found = violations();
    expect(found).to.have.length(1);
    expect(found[0]).to.include({ file: 'src/host/server.ts', line: 3, spec: '../certmanager/kinds.js' });
    expect(found[0]?.rule).to.match(/^src\/host .*may import only src\/host/);
  });

  it('lets cert-manager knowledge take types from the action contract but not values or I/O', () => {
    write('src/certmanager/a.ts', "import type { KubeObject } from '../host/action.js';\n");
    write('src/certmanager/b.ts', "import { type KubeObject, type X } from '../host/action.js';\n");
    write('src/certmanager/c.ts', "import { KubeObject } from '../host/action.js';\n");
    write('src/certmanager/d.ts', "import { readFileSync } from 'node:fs';\n");
    write('src/certmanager/e.ts', "import { readFileSync } from 'fs';\n");
    expect(violations().map((v) => v.file)).to.deep.equal([
      'src/certmanager/c.ts',
      'src/certmanager/d.ts',
      'src/certmanager/e.ts',
    ]);
  });

  it('keeps the backup and restore actions out of each other, sharing only src/actions itself', () => {
    write('src/actions/run-scope.ts', 'export class RunScopes {}\n');
    write('src/actions/backup/crds.ts', "import type { RunScopes } from '../run-scope.js';\n");
    write('src/actions/backup/secrets.ts', "import { x } from '../restore/rbac-first.js';\n");
    write('src/actions/restore/rbac-first.ts', "import { defineRestoreAction } from '../backup/define.js';\n");
    const found = violations();
    expect(found.map((v) => v.file)).to.deep.equal([
      'src/actions/backup/secrets.ts',
      'src/actions/restore/rbac-first.ts',
    ]);
    expect(found[0]?.rule).to.match(/do not import each other/);
  });

  it('keeps gRPC and the Kubernetes client out of actions', () => {
    write('src/actions/a.ts', "import { status } from '@grpc/grpc-js';\n");
    write('src/actions/b.ts', "import { KubeConfig } from '@kubernetes/client-node';\n");
    write('src/actions/c.ts', "import { lookups } from '../kube/client.js';\n");
    write('src/actions/d.ts', "import type { ClusterLookups } from '../kube/types.js';\n");
    const files = violations().map((v) => v.file);
    expect(files).to.include.members(['src/actions/a.ts', 'src/actions/b.ts', 'src/actions/c.ts']);
    expect(files).not.to.include('src/actions/d.ts');
  });

  it('keeps the preflight away from the host, actions, gRPC and (outside cluster mode) the Kubernetes client', () => {
    write('src/preflight/a.ts', "import type { KubeObject } from '../host/action.js';\n");
    write('src/preflight/b.ts', "export { backupActions } from '../actions/index.js';\n");
    write('src/preflight/c.ts', "const k = await import('@kubernetes/client-node');\n");
    write('src/preflight/rules/d.ts', "import { GROUP } from '../../certmanager/kinds.js';\n");
    write('src/preflight/cluster.ts', "import { KubeConfig } from '@kubernetes/client-node';\n");
    expect(violations().map((v) => v.file)).to.deep.equal([
      'src/preflight/a.ts',
      'src/preflight/b.ts',
      'src/preflight/c.ts',
    ]);
  });

  it('keeps src/velero pure and self-contained, and lets the actions and the preflight use it', () => {
    write('src/velero/glob.ts', 'export const glob = 1;\n');
    write('src/velero/filters.ts', "import { glob } from './glob.js';\n");
    write('src/velero/a.ts', "import { GROUP } from '../certmanager/kinds.js';\n");
    write('src/velero/b.ts', "import type { KubeObject } from '../host/action.js';\n");
    write('src/velero/c.ts', "import { readFileSync } from 'node:fs';\n");
    write('src/actions/backup/filters.ts', "import { glob } from '../../velero/glob.js';\n");
    write('src/preflight/resources.ts', "import { glob } from '../velero/glob.js';\n");
    write('src/kube/d.ts', "import { glob } from '../velero/glob.js';\n");
    expect(violations().map((v) => v.file)).to.deep.equal([
      'src/kube/d.ts',
      'src/velero/a.ts',
      'src/velero/b.ts',
      'src/velero/c.ts',
    ]);
  });

  it('forbids the plugin side from importing the preflight, and src/ from reaching outside src/', () => {
    write('src/actions/a.ts', "import { lint } from '../preflight/lint.js';\n");
    write('src/plugin.ts', "import pkg from '../package.json' with { type: 'json' };\n");
    const found = violations();
    expect(found.map((v) => v.file)).to.have.members(['src/actions/a.ts', 'src/actions/a.ts', 'src/plugin.ts']);
    expect(found.some((v) => v.rule.startsWith('only src/preflight imports src/preflight'))).to.equal(true);
  });

  it('finds multi-line, export-from, side-effect, dynamic and require imports, and skips commented ones', () => {
    const text = [
      '// import { a } from "./commented.js";',
      '/* import b from "./block.js"; */',
      'import {',
      '  type A,',
      '  type B,',
      "} from './types.js';",
      "export * from './all.js';",
      "import './side-effect.js';",
      "const lazy = await import('./lazy.js');",
      "const cjs = require('./cjs.js');",
      "const url = 'http://example.invalid/import/from';",
    ].join('\n');
    expect(boundaries.findImports(text)).to.deep.equal([
      { spec: './types.js', line: 6, typeOnly: true },
      { spec: './all.js', line: 7, typeOnly: false },
      { spec: './side-effect.js', line: 8, typeOnly: false },
      { spec: './lazy.js', line: 9, typeOnly: false },
      { spec: './cjs.js', line: 10, typeOnly: false },
    ]);
  });

  it('exits 1 naming file:line and the rule on a violation, 0 on a clean tree', () => {
    const clean = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
    expect(clean.status, clean.stderr).to.equal(0);
    write('src/kube/bad.ts', "\nimport { status } from '@grpc/grpc-js';\n");
    const bad = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
    expect(bad.status).to.equal(1);
    expect(bad.stderr).to.contain("src/kube/bad.ts:2: imports '@grpc/grpc-js'");
    expect(bad.stderr).to.contain('rule: src/kube (Kubernetes access)');
  });
});
