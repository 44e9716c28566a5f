import { expect } from 'chai';
import { decodePolicyDocument } from '../../../src/preflight/manifests.js';
import { readPolicy } from '../../../src/preflight/policy.js';
import type { PolicyConfigMap } from '../../../src/preflight/spec.js';
import { parseVersion } from '../../../src/preflight/version.js';

const V1183 = parseVersion('1.18.3')!;
const V1182 = parseVersion('1.18.2')!;

function messageOf(policy: string, version = V1183): string | undefined {
  const cm: PolicyConfigMap = {
    name: 'pol',
    namespace: 'velero',
    data: { 'policy.yaml': policy },
    documents: { 'policy.yaml': decodePolicyDocument(policy) },
    dataLocations: {},
  };
  const reading = readPolicy(cm, version, 'velero');
  return reading.valid ? undefined : reading.message;
}

// Each case: what Velero v1.18.3 does with the policy (internal/resourcepolicies/resource_policies.go:
// ResourcePolicies, ResourceFilter, PolicyLabelSelector, validateClusterScopedFilterPolicy,
// validateNamespacedFilterPolicies; pkg/util/wildcard ValidateNamespaceName; decoding with KnownFields(true) in
// volume_resources_validator.go). undefined: accepted.
describe('preflight filter policies (Velero 1.18.3 clusterScopedFilterPolicy / namespacedFilterPolicies)', () => {
  const cases: [string, string, string | undefined][] = [
    [
      'both policies, valid',
      `version: v1
clusterScopedFilterPolicy:
  resourceFilters:
    - kinds: [storageclasses, persistentvolumes]
      orLabelSelectors: [{matchLabels: {tier: gold}}, {matchExpressions: [{key: env, operator: In, values: [prod]}]}]
namespacedFilterPolicies:
  - namespaces: [shop, "team-?", "ns-[abc]"]
    resourceFilters:
      - kinds: [configmaps]
        names: ["app-*"]
        excludedNames: [app-tmp]
      - kinds: []
        labelSelector: {matchExpressions: [{key: backup, operator: DoesNotExist}]}`,
      undefined,
    ],
    ['an empty namespacedFilterPolicies list', 'version: v1\nnamespacedFilterPolicies: []', undefined],
    ['a null clusterScopedFilterPolicy (nil pointer)', 'version: v1\nclusterScopedFilterPolicy:', undefined],
    [
      'an empty clusterScopedFilterPolicy',
      'version: v1\nclusterScopedFilterPolicy: {}',
      'clusterScopedFilterPolicy: resourceFilters cannot be empty',
    ],
    [
      'a cluster-scoped catch-all (no kinds)',
      'version: v1\nclusterScopedFilterPolicy:\n  resourceFilters: [{names: [a]}]',
      'clusterScopedFilterPolicy.resourceFilters[0]: kinds must be specified (catch-all is not supported)',
    ],
    [
      'a cluster-scoped kind twice',
      'version: v1\nclusterScopedFilterPolicy:\n  resourceFilters: [{kinds: [crd], names: [a]}, {kinds: [crd]}]',
      'clusterScopedFilterPolicy: kind "crd" appears in both resourceFilters[0] and resourceFilters[1]',
    ],
    [
      'a misspelt filter key',
      'version: v1\nclusterScopedFilterPolicy:\n  resourceFilters: [{kind: [crd]}]',
      'field kind not found in type ResourceFilter',
    ],
    [
      'a misspelt selector key',
      'version: v1\nclusterScopedFilterPolicy:\n  resourceFilters: [{kinds: [crd], labelSelector: {matchLabel: {a: b}}}]',
      'field matchLabel not found in type PolicyLabelSelector',
    ],
    [
      'an unknown selector operator',
      'version: v1\nclusterScopedFilterPolicy:\n  resourceFilters: [{kinds: [crd], labelSelector: {matchExpressions: [{key: a, operator: Equals, values: [b]}]}}]',
      '"Equals" is not a valid label selector operator',
    ],
    [
      'In without values',
      'version: v1\nclusterScopedFilterPolicy:\n  resourceFilters: [{kinds: [crd], labelSelector: {matchExpressions: [{key: a, operator: In}]}}]',
      "values set can't be empty",
    ],
    [
      'an empty labelSelector {} is no selector, so it may sit with orLabelSelectors',
      'version: v1\nclusterScopedFilterPolicy:\n  resourceFilters: [{kinds: [crd], labelSelector: {}, orLabelSelectors: [{matchLabels: {a: b}}]}]',
      undefined,
    ],
    [
      'a name glob gobwas cannot compile',
      'version: v1\nclusterScopedFilterPolicy:\n  resourceFilters: [{kinds: [crd], names: ["a["]}]',
      'clusterScopedFilterPolicy.resourceFilters[0].names[0]: invalid glob pattern "a["',
    ],
    [
      'a namespaced policy without namespaces',
      'version: v1\nnamespacedFilterPolicies:\n  - resourceFilters: [{kinds: [pods]}]',
      'namespacedFilterPolicies[0]: at least one namespace must be specified',
    ],
    [
      'a namespaced policy without resource filters',
      'version: v1\nnamespacedFilterPolicies:\n  - namespaces: [a]',
      'namespacedFilterPolicies[0]: at least one resourceFilter must be specified',
    ],
    [
      'a namespace pattern with braces',
      'version: v1\nnamespacedFilterPolicies:\n  - namespaces: ["{a,b}"]\n    resourceFilters: [{kinds: [pods]}]',
      'namespacedFilterPolicies[0].namespaces[0]: wildcard pattern contains unsupported characters',
    ],
    [
      'a namespace pattern with **',
      'version: v1\nnamespacedFilterPolicies:\n  - namespaces: ["a**"]\n    resourceFilters: [{kinds: [pods]}]',
      'consecutive asterisks',
    ],
    [
      'two catch-alls',
      "version: v1\nnamespacedFilterPolicies:\n  - namespaces: [a]\n    resourceFilters: [{kinds: ['*']}, {kinds: []}]",
      'namespacedFilterPolicies[0]: only one catch-all resource filter is allowed',
    ],
    [
      'names on a catch-all',
      "version: v1\nnamespacedFilterPolicies:\n  - namespaces: [a]\n    resourceFilters: [{kinds: ['*'], names: [x]}]",
      'names or excludedNames cannot be specified for catch-all filters',
    ],
    [
      'a namespaced kind twice',
      'version: v1\nnamespacedFilterPolicies:\n  - namespaces: [a]\n    resourceFilters: [{kinds: [pods]}, {kinds: [secrets, pods]}]',
      'namespacedFilterPolicies[0]: kind "pods" appears in both resourceFilters[0] and resourceFilters[1]',
    ],
    [
      'a misspelt namespaced policy key',
      'version: v1\nnamespacedFilterPolicies:\n  - namespace: [a]\n    resourceFilters: [{kinds: [pods]}]',
      'field namespace not found in type NamespacedFilterPolicy',
    ],
    [
      'the 1.18.3 volume conditions',
      'version: v1\nvolumePolicies:\n- conditions: {pvcVolumeMode: Block, pvcAccessModes: [ReadWriteOnce]}\n  action: {type: skip}',
      undefined,
    ],
    [
      'pvcAccessModes not a list',
      'version: v1\nvolumePolicies:\n- conditions: {pvcAccessModes: ReadWriteOnce}\n  action: {type: skip}',
      'pvcAccessModes must be a list of strings',
    ],
  ];
  for (const [name, policy, message] of cases)
    it(name, () => {
      const got = messageOf(policy);
      if (message === undefined) expect(got).to.equal(undefined);
      else expect(got).to.contain(message);
    });

  it('before 1.18.3 the fix says to upgrade or remove the key', () => {
    const cm: PolicyConfigMap = {
      name: 'pol',
      namespace: 'velero',
      data: { p: 'version: v1\nnamespacedFilterPolicies: []' },
      documents: { p: decodePolicyDocument('version: v1\nnamespacedFilterPolicies: []') },
      dataLocations: {},
    };
    const reading = readPolicy(cm, V1182, 'velero');
    expect(reading.valid ? undefined : reading.fix).to.contain('upgrade Velero to 1.18.3');
  });

  it('the keys are unknown before Velero 1.18.3, and the message says which version added them', () => {
    expect(messageOf('version: v1\nclusterScopedFilterPolicy: {resourceFilters: [{kinds: [crd]}]}', V1182)).to.equal(
      'field clusterScopedFilterPolicy not found in type ResourcePolicies (clusterScopedFilterPolicy is new in Velero 1.18.3)',
    );
    expect(
      messageOf('version: v1\nvolumePolicies:\n- conditions: {pvcVolumeMode: Block}\n  action: {type: skip}', V1182),
    ).to.contain('field pvcVolumeMode not found');
  });
});
