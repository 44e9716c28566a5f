import { expect } from 'chai';
import { backupCoverage, excludedByName, restoreIncludes } from '../../../src/preflight/coverage.js';
import { CLUSTER_ISSUERS, CRD, NAMESPACES, SECRETS } from '../../../src/preflight/resources.js';
import type { BackupSpec, LintContext } from '../../../src/preflight/spec.js';
import { parseVersion } from '../../../src/preflight/version.js';
import { cachedGlob } from '../../../src/velero/glob.js';

const CERTIFICATES = 'certificates.cert-manager.io';

function ctx(version: string): LintContext {
  return {
    veleroVersion: parseVersion(version)!,
    pluginInstalled: false,
    veleroNamespace: 'velero',
    clusterResourceNamespace: 'cert-manager',
  };
}
// Before 1.17 the server adds no CSI excludes to the scoped lists, so a spec's own lists are all there is.
const v116 = ctx('1.16.0');

describe('preflight/coverage: Velero include/exclude semantics (pkg/util/collections)', () => {
  it('drops an empty resource entry, as discovery cannot resolve it: [""] includes every resource', () => {
    const old = backupCoverage({ includedResources: [''], includeClusterResources: true }, v116);
    expect(old.engine).to.equal('old');
    expect(old.namespacedIncluded(SECRETS)).to.equal(true);
    expect(old.clusterDirect(CRD)).to.equal(true);
    expect(restoreIncludes({ includedResources: [''] }, CERTIFICATES)).to.equal(true);
    const scoped = backupCoverage({ includedNamespaceScopedResources: [''] }, v116);
    expect(scoped.engine).to.equal('scoped');
    expect(scoped.namespacedIncluded(SECRETS)).to.equal(true);
    expect(scoped.namespacedIncluded(CERTIFICATES)).to.equal(true);
  });

  it('keeps nothing when excludedResources holds "*": validation fails the Backup or Restore first', () => {
    const spec: BackupSpec = { excludedResources: ['*'], includeClusterResources: true };
    const coverage = backupCoverage(spec, v116);
    expect(coverage.namespacedIncluded(SECRETS)).to.equal(false);
    expect(coverage.clusterDirect(NAMESPACES)).to.equal(false);
    expect(coverage.clusterDirect(CLUSTER_ISSUERS)).to.equal(false);
    expect(coverage.crdExcluded).to.equal(true);
    expect(excludedByName(spec, CLUSTER_ISSUERS)).to.equal(true);
    expect(restoreIncludes({ excludedResources: ['*'] }, SECRETS)).to.equal(false);
  });

  it('resolves aliases before matching, and an exclude wins over an include', () => {
    const spec: BackupSpec = { includedResources: ['crd', 'secret', 'cert'], excludedResources: ['secrets'] };
    const coverage = backupCoverage({ ...spec, includeClusterResources: true }, v116);
    expect(coverage.clusterDirect(CRD)).to.equal(true);
    expect(coverage.crdExcluded).to.equal(false);
    expect(coverage.namespacedIncluded(CERTIFICATES)).to.equal(true);
    expect(coverage.namespacedIncluded(SECRETS)).to.equal(false);
    expect(coverage.clusterDirect(CLUSTER_ISSUERS)).to.equal(false);
    expect(excludedByName(spec, SECRETS)).to.equal(true);
    expect(excludedByName(spec, CRD)).to.equal(false);
    expect(excludedByName({ excludedClusterScopedResources: ['crds'] }, CRD)).to.equal(true);
  });

  it('matches globs against canonical names', () => {
    const coverage = backupCoverage({ includedResources: ['*.cert-manager.io'] }, v116);
    expect(coverage.namespacedIncluded(CERTIFICATES)).to.equal(true);
    expect(coverage.namespacedIncluded(SECRETS)).to.equal(false);
  });

  it('drops scoped entries of the other scope: a cluster list holding only "secrets" is empty', () => {
    const full = backupCoverage({ includedClusterScopedResources: ['secrets'] }, v116);
    expect(full.clusterDirect(CRD)).to.equal(true);
    const issuersOnly = backupCoverage({ includedClusterScopedResources: ['clusterissuers'] }, v116);
    expect(issuersOnly.clusterDirect(CLUSTER_ISSUERS)).to.equal(true);
    expect(issuersOnly.clusterDirect(NAMESPACES)).to.equal(true);
    expect(issuersOnly.clusterDirect(CRD)).to.equal(false);
    expect(issuersOnly.crdAutoAdd).to.equal(true);
  });

  it('stops at the first exclude entry Velero cannot compile: later entries exclude nothing', () => {
    expect(cachedGlob('![')).to.equal(undefined);
    const coverage = backupCoverage(
      { excludedNamespaceScopedResources: ['![', 'secrets'], excludedClusterScopedResources: ['![', 'crds'] },
      v116,
    );
    expect(coverage.namespacedIncluded(SECRETS)).to.equal(true);
    expect(coverage.crdExcluded).to.equal(false);
    const starred = backupCoverage({ excludedClusterScopedResources: ['![', '*'] }, v116);
    expect(starred.crdExcluded, 'a "*" among scoped excludes excludes everything').to.equal(true);
    expect(starred.clusterDirect(NAMESPACES)).to.equal(false);
  });

  it('excludes the CSI snapshot types on the scoped path from Velero 1.17', () => {
    const snapshots = 'volumesnapshots.snapshot.storage.k8s.io';
    expect(backupCoverage({}, v116).namespacedIncluded(snapshots)).to.equal(true);
    expect(backupCoverage({}, ctx('1.17.0')).namespacedIncluded(snapshots)).to.equal(false);
  });
});
