import { expect } from 'chai';
import { filterExclusionReason, globToRegExp } from '../../../../src/actions/backup/velero-filters.js';
import { backupRequest } from '../helpers.js';

const secret = (namespace: string) => ({ group: '', resource: 'secrets', namespace, name: 's' });

describe('actions/backup/velero-filters', () => {
  const cases: { spec: Record<string, unknown>; namespace: string; dropped: boolean }[] = [
    { spec: {}, namespace: 'a', dropped: false },
    { spec: { includedNamespaces: ['*'] }, namespace: 'a', dropped: false },
    { spec: { includedNamespaces: ['a', 'b'] }, namespace: 'a', dropped: false },
    { spec: { includedNamespaces: ['b'] }, namespace: 'a', dropped: true },
    { spec: { includedNamespaces: ['*'], excludedNamespaces: ['a'] }, namespace: 'a', dropped: true },
    { spec: { excludedNamespaces: ['kube-*'] }, namespace: 'kube-system', dropped: true },
    { spec: { excludedNamespaces: ['kube-*'] }, namespace: 'cert-manager', dropped: false },
    { spec: { includedResources: ['*'] }, namespace: 'a', dropped: false },
    { spec: { includedResources: ['secrets', 'configmaps'] }, namespace: 'a', dropped: false },
    { spec: { includedResources: ['configmaps'] }, namespace: 'a', dropped: true },
    { spec: { excludedResources: ['secrets'] }, namespace: 'a', dropped: true },
    { spec: { excludedResources: ['secret'] }, namespace: 'a', dropped: true },
    { spec: { excludedResources: ['configmaps'] }, namespace: 'a', dropped: false },
    { spec: { includedNamespaceScopedResources: ['secrets'] }, namespace: 'a', dropped: false },
    { spec: { excludedNamespaceScopedResources: ['*crets'] }, namespace: 'a', dropped: true },
    { spec: { excludedClusterScopedResources: ['secrets'] }, namespace: 'a', dropped: false },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.spec)} ${c.dropped ? 'drops' : 'keeps'} a Secret in ${c.namespace}`, () => {
      expect(filterExclusionReason(backupRequest(c.spec), secret(c.namespace)) !== undefined).to.equal(c.dropped);
    });
  }

  it('implements the glob forms Velero accepts', () => {
    expect(globToRegExp('team-?').test('team-a')).to.equal(true);
    expect(globToRegExp('team-?').test('team-ab')).to.equal(false);
    expect(globToRegExp('{a,b}-x').test('b-x')).to.equal(true);
    expect(globToRegExp('[ab]c').test('bc')).to.equal(true);
    expect(globToRegExp('a.b').test('aXb')).to.equal(false);
  });
});
