import { expect } from 'chai';
import { fixArgv, lintArgv } from '../../../src/preflight/fix.js';
import { extractVeleroCommands, shellJoin } from '../../../src/preflight/parse/shell.js';
import { CASES, EPH } from './table.js';
import { contextFor } from './table.test.js';

const ctx = contextFor({});

function argvOf(line: string): string[] {
  const cmds = extractVeleroCommands(line);
  return cmds[0]!.tokens.map((t) => t.text);
}

describe('preflight --fix round trip', () => {
  const fixable = CASES.filter(
    (c) =>
      (c.line !== undefined || c.argv) &&
      !(c.line ?? '').includes('$') &&
      extractVeleroCommands(c.line ?? 'x').length <= 1,
  );
  let fixedCount = 0;
  for (const c of fixable) {
    const argv = c.argv ?? (c.line !== undefined ? argvOf(c.line) : undefined);
    if (!argv || c.line?.includes('velero-cm-preflight')) continue;
    const context = contextFor(c);
    const before = lintArgv(argv, context).findings;
    if (!before.some((f) => f.fix?.edits?.length)) continue;
    fixedCount++;
    it(`fixes: ${c.name}`, () => {
      const result = fixArgv(argv, context);
      expect(result.applied.length).to.be.greaterThan(0);
      // Nothing fixable is left, and the fixed command reads back through a shell unchanged.
      const after = lintArgv(result.argv, context).findings;
      expect(after.filter((f) => f.fix?.edits?.length).map((f) => `${f.ruleId} ${f.message}`)).to.deep.equal([]);
      const reread = argvOf(shellJoin(result.argv));
      expect(reread).to.deep.equal(result.argv);
      // Idempotent.
      expect(fixArgv(result.argv, context).argv).to.deep.equal(result.argv);
      // No parse error is introduced.
      const parseErrors = (fs: typeof after) =>
        fs.filter((f) => ['CMV001', 'CMV002', 'CMV003', 'CMV004'].includes(f.ruleId)).length;
      expect(parseErrors(after)).to.be.at.most(parseErrors(before));
    });
  }
  it('covers many fixable table cases', () => {
    expect(fixedCount).to.be.at.least(60);
  });

  const intended: {
    name: string;
    line: string;
    known?: boolean;
    spec: (s: ReturnType<typeof lintArgv>['subject']) => void;
  }[] = [
    {
      name: 'repeated excludes are joined, nothing lost',
      line: 'velero backup create b --include-cluster-resources=true --exclude-resources orders.acme.cert-manager.io --exclude-resources challenges.acme.cert-manager.io',
      spec: (s) =>
        expect(s.backup?.excludedResources).to.have.members([
          'orders.acme.cert-manager.io',
          'challenges.acme.cert-manager.io',
          'certificaterequests.cert-manager.io',
        ]),
    },
    {
      name: 'namespace filter gets cluster resources and the cluster resource namespace',
      line: `velero backup create b --include-namespaces app --exclude-resources ${EPH}`,
      spec: (s) => {
        expect(s.backup?.includeClusterResources).to.equal(true);
        expect(s.backup?.includedNamespaces).to.deep.equal(['app', 'cert-manager']);
      },
    },
    {
      name: 'issue 9991 gets a cluster include of * and keeps the swallowed flag',
      line: 'velero backup create b --include-cluster-scoped-resources --default-volumes-to-fs-backup',
      spec: (s) => {
        expect(s.backup?.includedClusterScopedResources).to.deep.equal(['*']);
        expect(s.command?.uses.some((u) => u.flag.name === 'default-volumes-to-fs-backup')).to.equal(true);
        expect(s.backup?.excludedNamespaceScopedResources).to.have.members([...EPH.split(',')]);
      },
    },
    {
      name: 'restore named like a backup becomes --from-backup',
      line: 'velero restore create full-backup',
      spec: (s) => {
        expect(s.restore?.backupName).to.equal('full-backup');
        expect(s.name).to.equal(undefined);
      },
    },
    {
      name: 'ttl in days becomes hours',
      line: `velero backup create b --include-cluster-resources=true --exclude-resources ${EPH} --ttl 30d`,
      spec: (s) => expect(s.backup?.ttl).to.equal('720h'),
    },
    {
      name: 'short names become canonical on restore',
      line: 'velero restore create --from-backup b --exclude-resources orders,challenges,certificaterequests',
      spec: (s) =>
        expect(s.restore?.excludedResources).to.deep.equal([
          'orders.acme.cert-manager.io',
          'challenges.acme.cert-manager.io',
          'certificaterequests.cert-manager.io',
        ]),
    },
    {
      name: 'bool with a separate value keeps the restore unnamed',
      line: `velero restore create --from-backup b --exclude-resources ${EPH} --include-namespaces app --include-cluster-resources false`,
      spec: (s) => {
        expect(s.name).to.equal(undefined);
        expect(s.restore?.includeClusterResources).to.equal(true);
      },
    },
    {
      // -n is Velero's namespace flag: the fix moves the object to Velero's known namespace and never turns -n into
      // --include-namespaces, which would be a different backup (issue 18).
      name: '-n cert-manager becomes the known Velero namespace, not a filter',
      line: `velero backup create b -n cert-manager --include-cluster-resources=true --exclude-resources ${EPH}`,
      known: true,
      spec: (s) => {
        expect(s.namespace).to.equal('velero');
        expect(s.backup?.includedNamespaces).to.equal(undefined);
      },
    },
  ];
  for (const t of intended) {
    it(`intended spec: ${t.name}`, () => {
      const used = t.known ? { ...ctx, veleroNamespaceKnown: true } : ctx;
      const fixed = fixArgv(argvOf(t.line), used);
      t.spec(lintArgv(fixed.argv, used).subject);
    });
  }
});
