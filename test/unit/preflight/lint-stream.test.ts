import { expect } from 'chai';
import { lintSubjects } from '../../../src/preflight/engine.js';
import { LintUnitKeeper } from '../../../src/preflight/lint-stream.js';
import { RULES } from '../../../src/preflight/rules/index.js';
import { sniffKind, unitsFromText, type LintUnit } from '../../../src/preflight/sources.js';
import type { LintContext } from '../../../src/preflight/spec.js';
import { parseVersion } from '../../../src/preflight/version.js';
import { CORPUS } from './corpus.js';

const ctx = (): LintContext => ({
  veleroVersion: parseVersion('1.18.3')!,
  pluginInstalled: false,
  veleroNamespace: 'velero',
  clusterResourceNamespace: 'cert-manager',
});

const manifest = (kind: string, name: string, spec: string) =>
  `apiVersion: velero.io/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: velero\nspec:\n${spec}\n`;
const CLEAN_SPEC =
  '  includeClusterResources: true\n  excludedResources: [challenges.acme.cert-manager.io, orders.acme.cert-manager.io, certificaterequests.cert-manager.io]';

/**
 * Inputs whose findings depend on units read after them: Backups naming a resource policy that comes later, and a
 * plugin ConfigMap at the very end that lowers what the plugin handles; around them clean and faulty manifests,
 * every rule's documented examples and the corpus of real command lines.
 */
function inputs(): LintUnit[] {
  const yaml = [
    manifest('Backup', 'clean', CLEAN_SPEC),
    manifest('Backup', 'bare', '  ttl: 720h0m0s'),
    manifest('Backup', 'policy', `${CLEAN_SPEC}\n  resourcePolicy: {kind: configmap, name: pol}`),
    manifest('Schedule', 'nightly', `  schedule: '@daily'\n  template:\n${CLEAN_SPEC.replace(/^ {2}/gm, '    ')}`),
    manifest('Restore', 'r', '  backupName: clean'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pol\n  namespace: velero\ndata:\n  p: |\n    version: v1\n    includeExcludePolicy:\n      excludedNamespaceScopedResources: [secrets]\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-plugin\n  namespace: velero\n  labels:\n    velero-plugin-for-cert-manager.dev/config: "true"\ndata: {}\n',
  ].join('---\n');
  const units = [...unitsFromText(yaml, 'yaml', 'all.yaml', ctx().veleroVersion).units];
  const examples = RULES.flatMap((r) => r.meta.examples.flatMap((e) => [e.bad, ...(e.good ? [e.good] : [])]));
  for (const [i, text] of [...examples, ...CORPUS.map((c) => c.line)].entries())
    units.push(...unitsFromText(text, sniffKind(text), `example-${i}`, ctx().veleroVersion).units);
  return units;
}

describe('preflight lint-stream: dropping clean units as they are read', () => {
  it('reports exactly what linting every unit at the end reports, with a fraction of the units kept', () => {
    const all = inputs();
    const keeper = new LintUnitKeeper(ctx(), undefined, false);
    for (const u of all) keeper.add(u);
    expect(keeper.checked).to.equal(all.length);
    // Enough units are dropped for this to test dropping (the corpus is mostly faulty lines, which are kept).
    expect(all.length - keeper.kept.length).to.be.above(30);
    const final = { ...ctx(), pluginInstalled: true };
    const everything = lintSubjects(
      all.map((u) => u.subject),
      final,
    );
    const kept = lintSubjects(
      keeper.kept.map((u) => u.subject),
      final,
    );
    // The ConfigMaps read last must have mattered.
    expect(everything.some((f) => f.pluginHandled)).to.equal(true);
    expect(everything.some((f) => f.subject.name === 'policy')).to.equal(true);
    expect(kept).to.deep.equal(everything);
  });

  it('keeps every unit in cluster mode, where clean Backups are evaluated against the cluster too', () => {
    const all = inputs();
    const keeper = new LintUnitKeeper(ctx(), undefined, true);
    for (const u of all) keeper.add(u);
    expect(keeper.kept).to.deep.equal(all);
  });

  it('keeps what informs other units even when it has no finding: a plugin ConfigMap, a policy, a Backup naming one', () => {
    const keeper = new LintUnitKeeper(ctx(), undefined, false);
    for (const u of inputs().filter((u) => u.subject.location.file === 'all.yaml')) keeper.add(u);
    expect(keeper.kept.map((u) => u.subject.name)).to.include.members(['policy', 'pol', 'cm-plugin', 'bare']);
    expect(keeper.kept.map((u) => u.subject.name)).not.to.include('clean');
  });
});
