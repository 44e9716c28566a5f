import { expect } from 'chai';
import yaml from 'js-yaml';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintSubjects } from '../../../src/preflight/engine.js';
import { subjectsFromYaml } from '../../../src/preflight/manifests.js';
import type { Finding } from '../../../src/preflight/rules/types.js';
import { contextFor } from './table.test.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'preflight', 'cli.js');
const ctx = contextFor({ version: '1.18.3' });

/** Findings as the engine returns them (the merged fixed spec, not yet rendered). */
function lint(text: string): Finding[] {
  const { subjects, problems } = subjectsFromYaml(text, 'm.yaml');
  expect(problems).to.deep.equal([]);
  return lintSubjects(subjects, ctx);
}

let dir: string;
/** The built CLI on the manifest, in one output format. */
function cli(manifest: string, format: 'json' | 'text'): string {
  const file = join(dir, 'm.yaml');
  writeFileSync(file, manifest);
  const r = spawnSync(process.execPath, [BIN, '--velero-version', '1.18.3', '--format', format, file], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return r.stdout;
}

interface JsonFinding {
  ruleId: string;
  subject: { name?: string };
  fix: { description: string; replacement: string | null } | null;
}

/** The manifest with its spec (at `path`) replaced by the spec of the merged YAML fix. */
function applyFix(manifest: string, fix: string, path: string[]): string {
  const doc = yaml.load(manifest) as Record<string, unknown>;
  let fixed: unknown = yaml.load(fix);
  for (const key of path) fixed = (fixed as Record<string, unknown>)[key];
  let parent = doc;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  parent[path[path.length - 1]!] = fixed;
  return yaml.dump(doc);
}

const cases: { name: string; manifest: string; path: string[]; expect: Record<string, unknown> }[] = [
  {
    name: 'Backup: namespace filter, ephemeral kinds and the cluster resource namespace',
    path: ['spec'],
    manifest: `apiVersion: velero.io/v1
kind: Backup
metadata: { name: nightly, namespace: velero }
spec:
  includedNamespaces: [app]
  excludedResources: [events]
  storageLocation: default
`,
    expect: {
      includedNamespaces: ['app', 'cert-manager'],
      excludedResources: [
        'events',
        'challenges.acme.cert-manager.io',
        'orders.acme.cert-manager.io',
        'certificaterequests.cert-manager.io',
      ],
      includeClusterResources: true,
      storageLocation: 'default',
    },
  },
  {
    name: 'Restore: excluded Secrets and ephemeral kinds both want excludedResources',
    path: ['spec'],
    manifest: `apiVersion: velero.io/v1
kind: Restore
metadata: { name: r, namespace: velero }
spec:
  backupName: nightly
  excludedResources: [secrets]
  includeClusterResources: false
`,
    expect: {
      backupName: 'nightly',
      includeClusterResources: true,
      excludedResources: [
        'challenges.acme.cert-manager.io',
        'orders.acme.cert-manager.io',
        'certificaterequests.cert-manager.io',
      ],
    },
  },
  {
    name: 'Schedule: the template is fixed and printed under spec.template',
    path: ['spec', 'template'],
    manifest: `apiVersion: velero.io/v1
kind: Schedule
metadata: { name: daily, namespace: velero }
spec:
  schedule: '0 1 * * *'
  template:
    includedNamespaces: [app]
    excludedResources: [events, secrets]
`,
    expect: {
      includedNamespaces: ['app', 'cert-manager'],
      includeClusterResources: true,
    },
  },
];

describe('preflight: one merged fix per manifest object', function () {
  this.timeout(30000);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-manifest-fix-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const c of cases) {
    it(c.name, () => {
      const findings = lint(c.manifest);
      const changing = findings.filter((f) => f.fix?.specChanges);
      expect(changing.length, 'at least two rules change the spec').to.be.at.least(2);
      // Every finding that changes the object carries the same fixed spec.
      expect(new Set(changing.map((f) => f.fix?.fixedSpec)).size).to.equal(1);

      // The built CLI carries it in JSON as the one fix of the object, as YAML.
      const json = JSON.parse(cli(c.manifest, 'json')) as { findings: JsonFinding[] };
      const replacements = new Set(json.findings.map((f) => f.fix?.replacement).filter((r) => r));
      expect(replacements.size).to.equal(1);
      const fix = [...replacements][0]!;
      let spec: unknown = yaml.load(fix);
      for (const key of c.path) spec = (spec as Record<string, unknown>)[key];
      expect(spec).to.deep.include(c.expect);

      // Parsed back into the manifest, the fixed object leaves nothing fixable, and fewer findings.
      const after = lint(applyFix(c.manifest, fix, c.path));
      expect(after.filter((f) => f.fix?.specChanges).map((f) => `${f.ruleId} ${f.message}`)).to.deep.equal([]);
      expect(after.length).to.be.lessThan(findings.length);

      // Text prints the fix once, as an indented YAML block after the object's last changing finding.
      const text = cli(c.manifest, 'text');
      expect(text.split('\n').filter((l) => l.trim() === 'fix:').length).to.equal(1);
      expect(text).to.include(`    fix:\n${fix.replace(/^/gm, '      ')}\n`);
    });
  }

  it('two objects in one file get one fix each', () => {
    const manifest = cases[0]!.manifest + '---\n' + cases[0]!.manifest.replace('nightly', 'weekly');
    const json = JSON.parse(cli(manifest, 'json')) as { findings: JsonFinding[] };
    const fixes = new Set(json.findings.filter((f) => f.fix?.replacement).map((f) => f.subject.name));
    expect([...fixes].sort()).to.deep.equal(['nightly', 'weekly']);
    const text = cli(manifest, 'text');
    expect(text.split('\n').filter((l) => l.trim() === 'fix:').length).to.equal(2);
  });
});
