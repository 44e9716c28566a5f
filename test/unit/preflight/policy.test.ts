import { expect } from 'chai';
import { decodePolicyDocument, subjectsFromYaml } from '../../../src/preflight/manifests.js';
import { policyFor, readPolicy, withPolicy } from '../../../src/preflight/policy.js';
import type { LintContext, PolicyConfigMap } from '../../../src/preflight/spec.js';
import { parseVersion, type Version } from '../../../src/preflight/version.js';

const version = (text: string): Version => parseVersion(text)!;
const V118 = parseVersion('1.18.1')!;
const V116 = parseVersion('1.16.2')!;

function configMap(data: Record<string, string>): PolicyConfigMap {
  const documents = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, decodePolicyDocument(v)]));
  return { name: 'pol', namespace: 'velero', data, documents, dataLocations: {} };
}

function messageOf(policy: string, version = V118): string | undefined {
  const reading = readPolicy(configMap({ 'policy.yaml': policy }), version, 'velero');
  return reading.valid ? undefined : reading.message;
}

describe('preflight resource policies (Velero internal/resourcepolicies)', () => {
  describe('readPolicy: what Velero refuses', () => {
    const cases: [string, string, string | undefined][] = [
      [
        'a valid volume policy',
        'version: v1\nvolumePolicies:\n- conditions: {pvcPhase: [Pending]}\n  action: {type: custom}',
        undefined,
      ],
      [
        'a valid include/exclude policy',
        'version: v1\nincludeExcludePolicy:\n  excludedNamespaceScopedResources: [events]',
        undefined,
      ],
      ['no version', 'volumePolicies: []', 'incompatible version number  with supported version v1'],
      ['a numeric version', 'version: 1', 'incompatible version number 1 with supported version v1'],
      ['an empty document', '# nothing\n', 'the policy is empty'],
      ['a list document', '- a', 'must be a YAML mapping'],
      ['a YAML syntax error', 'version: [v1', 'YAML:'],
      [
        'a misspelt top-level key',
        'version: v1\nvolumePolicy: []',
        'field volumePolicy not found in type ResourcePolicies',
      ],
      [
        'an unknown action key',
        'version: v1\nvolumePolicies:\n- action: {kind: skip}',
        'field kind not found in type Action',
      ],
      [
        'an unknown action type',
        'version: v1\nvolumePolicies:\n- action: {type: delete}',
        'invalid action type delete',
      ],
      [
        'an unknown condition',
        'version: v1\nvolumePolicies:\n- conditions: {size: 1}\n  action: {type: skip}',
        'field size not found',
      ],
      [
        'pvcLabels not a map',
        'version: v1\nvolumePolicies:\n- conditions: {pvcLabels: [a]}\n  action: {type: skip}',
        'pvcLabels must be a map',
      ],
      [
        'a scalar where a list belongs',
        'version: v1\nincludeExcludePolicy:\n  excludedNamespaceScopedResources: secrets',
        'must be a list',
      ],
      [
        "'*' in an exclude list",
        "version: v1\nincludeExcludePolicy:\n  excludedClusterScopedResources: ['*']",
        "cannot use '*'",
      ],
      [
        'the first overlapping entry in sorted order',
        'version: v1\nincludeExcludePolicy:\n  includedNamespaceScopedResources: [b, a]\n  excludedNamespaceScopedResources: [b, a]',
        'excludes list cannot contain an item in the includes list: a',
      ],
    ];
    for (const [name, policy, want] of cases)
      it(name, () => {
        const got = messageOf(policy);
        if (want === undefined) expect(got).to.equal(undefined);
        else expect(got).to.contain(want);
      });

    it('volume conditions and actions by version: pvcLabels from 1.16.0, pvcPhase from 1.18.0, custom from 1.18.1', () => {
      const condition = (c: string) => `version: v1\nvolumePolicies:\n- conditions: {${c}}\n  action: {type: skip}`;
      expect(messageOf(condition('pvcLabels: {a: b}'), version('1.15.1'))).to.contain('field pvcLabels not found');
      expect(messageOf(condition('pvcLabels: {a: b}'), version('1.16.0'))).to.equal(undefined);
      expect(messageOf(condition('pvcPhase: [Bound]'), version('1.17.2'))).to.contain('field pvcPhase not found');
      expect(messageOf(condition('pvcPhase: [Bound]'), version('1.18.0'))).to.equal(undefined);
      const custom = 'version: v1\nvolumePolicies:\n- action: {type: custom}';
      expect(messageOf(custom, version('1.18.0'))).to.contain('invalid action type custom');
      expect(messageOf(custom, V118)).to.equal(undefined);
    });

    it('includeExcludePolicy is an unknown key before Velero 1.17', () => {
      const policy = 'version: v1\nincludeExcludePolicy: {}';
      expect(messageOf(policy, V116)).to.contain('field includeExcludePolicy not found');
      expect(messageOf(policy, V118)).to.equal(undefined);
    });

    it('an empty includeExcludePolicy mapping still counts as one (Velero holds a non-nil pointer)', () => {
      const reading = readPolicy(configMap({ p: 'version: v1\nincludeExcludePolicy: {}' }), V118, 'velero');
      expect(reading.valid && reading.includeExcludePolicy).to.deep.equal({});
      const none = readPolicy(configMap({ p: 'version: v1\nincludeExcludePolicy:' }), V118, 'velero');
      expect(none.valid && none.includeExcludePolicy).to.equal(undefined);
    });

    it('needs exactly one data key', () => {
      const datas: Record<string, string>[] = [{}, { a: 'version: v1', b: 'version: v1' }];
      for (const data of datas) {
        const reading = readPolicy(configMap(data), V118, 'velero');
        expect(reading.valid).to.equal(false);
        expect(!reading.valid && reading.message).to.contain('illegal resource policies velero/pol configmap');
      }
    });
  });

  describe('withPolicy: merged as ScopeIncludesExcludes.CombineWithPolicy does', () => {
    it('adds policy excludes the backup does not include, resolved to canonical names', () => {
      const merged = withPolicy(
        {},
        { excludedNamespaceScopedResources: ['secret'], excludedClusterScopedResources: ['crd'] },
      );
      expect(merged.excludedNamespaceScopedResources).to.deep.equal(['secrets']);
      expect(merged.excludedClusterScopedResources).to.deep.equal(['customresourcedefinitions.apiextensions.k8s.io']);
    });

    it("lets the backup's own lists win: an included or already excluded type is not added", () => {
      const merged = withPolicy(
        { includedNamespaceScopedResources: ['*'], excludedClusterScopedResources: ['storageclasses'] },
        { excludedNamespaceScopedResources: ['secrets'], includedClusterScopedResources: ['sc'] },
      );
      expect(merged.excludedNamespaceScopedResources).to.equal(undefined);
      expect(merged.includedClusterScopedResources).to.equal(undefined);
    });

    it('narrows an empty ("everything") include list to the policy entries, and drops entries of the other scope', () => {
      const merged = withPolicy({}, { includedNamespaceScopedResources: ['certificates', 'clusterissuers'] });
      expect(merged.includedNamespaceScopedResources).to.deep.equal(['certificates.cert-manager.io']);
    });

    it('keeps unknown names verbatim, as globs', () => {
      const merged = withPolicy({}, { excludedNamespaceScopedResources: ['*.acme.cert-manager.io'] });
      expect(merged.excludedNamespaceScopedResources).to.deep.equal(['*.acme.cert-manager.io']);
    });
  });

  describe('policyFor: which ConfigMap a backup reads', () => {
    const ctx = (maps: PolicyConfigMap[]): LintContext => ({
      veleroVersion: V118,
      pluginInstalled: false,
      veleroNamespace: 'velero',
      clusterResourceNamespace: 'cert-manager',
      resourcePolicyConfigMaps: maps,
    });
    const backup = (meta: string, kind = 'configmap') =>
      subjectsFromYaml(
        `apiVersion: velero.io/v1\nkind: Backup\nmetadata: {name: b${meta}}\nspec:\n  resourcePolicy: {kind: ${kind}, name: pol}\n`,
      ).subjects[0]!;

    it("matches by name in the backup's namespace; a ConfigMap without a namespace counts as Velero's", () => {
      const { namespace: _namespace, ...unnamespaced } = configMap({ p: 'version: v1' });
      expect(policyFor(backup(''), ctx([unnamespaced])).state).to.equal('seen');
      expect(policyFor(backup(', namespace: velero'), ctx([configMap({ p: 'version: v1' })])).state).to.equal('seen');
      expect(policyFor(backup(', namespace: backups'), ctx([configMap({ p: 'version: v1' })]))).to.deep.include({
        state: 'not-seen',
        namespace: 'backups',
      });
      expect(policyFor(backup(''), ctx([])).state).to.equal('not-seen');
    });

    it('reads the kind case-insensitively and ignores other kinds', () => {
      expect(policyFor(backup('', 'ConfigMap'), ctx([configMap({ p: 'version: v1' })])).state).to.equal('seen');
      expect(policyFor(backup('', 'Secret'), ctx([configMap({ p: 'version: v1' })])).state).to.equal('other-kind');
    });
  });

  describe('manifests: which ConfigMaps are read as policies', () => {
    it('only those whose data looks like a policy, with the line of each value', () => {
      const { subjects } = subjectsFromYaml(`apiVersion: v1
kind: ConfigMap
metadata: {name: pol}
data:
  policy.yaml: |
    version: v1
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data:
  key: value
`);
      expect(subjects.map((s) => s.kind)).to.deep.equal(['resource-policy']);
      expect(subjects[0]!.policyConfigMap!.dataLocations['policy.yaml']!.line).to.equal(6);
    });
  });
});
