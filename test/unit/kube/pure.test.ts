import { expect } from 'chai';
import { endpointsHaveReadyAddress, slicesHaveReadyEndpoint } from '../../../src/kube/endpoints.js';
import { httpStatusOf, toClusterAccessError } from '../../../src/kube/errors.js';
import { mergePluginConfig } from '../../../src/kube/plugin-config.js';
import { rbacIdentifiers, subjectIsServiceAccount } from '../../../src/kube/rbac.js';
import { ClusterAccessError } from '../../../src/kube/types.js';

describe('kube/plugin-config', () => {
  const cm = (name: string, labels: Record<string, string>, data: Record<string, string>) => ({
    metadata: { name, labels },
    data,
  });
  const maps = [
    cm(
      'b-backup',
      { 'velero.io/plugin-config': '', 'velero-plugin-for-cert-manager.dev/backup-crds': 'BackupItemActionV2' },
      { forceSecrets: 'true', shared: 'b' },
    ),
    cm(
      'a-backup',
      { 'velero.io/plugin-config': '', 'velero-plugin-for-cert-manager.dev/backup-crds': 'BackupItemActionV2' },
      { shared: 'a' },
    ),
    cm(
      'restore',
      { 'velero.io/plugin-config': '', 'velero-plugin-for-cert-manager.dev/restore-wait': 'RestoreItemActionV2' },
      { webhookWait: 'false' },
    ),
    cm(
      'not-plugin-config',
      { 'velero-plugin-for-cert-manager.dev/backup-crds': 'BackupItemActionV2' },
      { ignored: 'x' },
    ),
    cm(
      'someone-else',
      { 'velero.io/plugin-config': '', 'velero.io/change-storage-class': 'RestoreItemAction' },
      { other: 'y' },
    ),
  ];

  it('merges the ConfigMaps labelled for one action, in name order', () => {
    expect(mergePluginConfig(maps, 'velero-plugin-for-cert-manager.dev/backup-crds')).to.deep.equal({
      forceSecrets: 'true',
      shared: 'b',
    });
  });

  it('without an action, merges those labelled for any of ours and nobody else', () => {
    expect(mergePluginConfig(maps)).to.deep.equal({ forceSecrets: 'true', shared: 'b', webhookWait: 'false' });
  });

  it('is empty when nothing matches', () => {
    expect(mergePluginConfig(maps, 'velero-plugin-for-cert-manager.dev/none')).to.deep.equal({});
  });
});

describe('kube/endpoints', () => {
  it('counts an endpoint as ready unless it says ready: false, and only with an address', () => {
    expect(slicesHaveReadyEndpoint([])).to.equal(false);
    expect(
      slicesHaveReadyEndpoint([{ endpoints: [{ addresses: ['10.0.0.5'], conditions: { ready: false } }] }]),
    ).to.equal(false);
    expect(slicesHaveReadyEndpoint([{ endpoints: [{ addresses: [], conditions: { ready: true } }] }])).to.equal(false);
    expect(slicesHaveReadyEndpoint([{ endpoints: [{ addresses: ['10.0.0.5'] }] }])).to.equal(true);
    expect(
      slicesHaveReadyEndpoint([
        { endpoints: [{ addresses: ['10.0.0.5'], conditions: { ready: false } }] },
        { endpoints: [{ addresses: ['10.0.0.6'], conditions: { ready: true } }] },
      ]),
    ).to.equal(true);
  });

  it('reads Endpoints: ready addresses only', () => {
    expect(endpointsHaveReadyAddress(undefined)).to.equal(false);
    expect(endpointsHaveReadyAddress({ subsets: [{ addresses: [] }] })).to.equal(false);
    expect(endpointsHaveReadyAddress({ subsets: [{ addresses: [{ ip: '10.0.0.5' }] }] })).to.equal(true);
  });
});

describe('kube/rbac', () => {
  const sa = { namespace: 'cert-manager', name: 'cert-manager' };

  it('reads a RoleBinding subject without namespace as the binding namespace', () => {
    expect(subjectIsServiceAccount({ kind: 'ServiceAccount', name: 'cert-manager' }, 'cert-manager', sa)).to.equal(
      true,
    );
    expect(subjectIsServiceAccount({ kind: 'ServiceAccount', name: 'cert-manager' }, 'kube-system', sa)).to.equal(
      false,
    );
    expect(subjectIsServiceAccount({ kind: 'User', name: 'cert-manager' }, 'cert-manager', sa)).to.equal(false);
  });

  it('lists the ServiceAccount, its bindings and their roles, sorted and without duplicates', () => {
    const ids = rbacIdentifiers(
      sa,
      [
        {
          metadata: { name: 'z-crb' },
          roleRef: { kind: 'ClusterRole', name: 'shared' },
          subjects: [{ kind: 'ServiceAccount', name: 'cert-manager', namespace: 'cert-manager' }],
        },
        {
          metadata: { name: 'a-crb' },
          roleRef: { kind: 'ClusterRole', name: 'shared' },
          subjects: [{ kind: 'ServiceAccount', name: 'cert-manager', namespace: 'cert-manager' }],
        },
        {
          metadata: { name: 'all-sas' },
          roleRef: { kind: 'ClusterRole', name: 'broad' },
          subjects: [{ kind: 'Group', name: 'system:serviceaccounts' }],
        },
        {
          metadata: { name: 'other-ns' },
          roleRef: { kind: 'ClusterRole', name: 'x' },
          subjects: [{ kind: 'ServiceAccount', name: 'cert-manager', namespace: 'elsewhere' }],
        },
      ],
      [
        {
          metadata: { name: 'cert-manager:leaderelection', namespace: 'kube-system' },
          roleRef: { kind: 'Role', name: 'cert-manager:leaderelection' },
          subjects: [{ kind: 'ServiceAccount', name: 'cert-manager', namespace: 'cert-manager' }],
        },
        {
          metadata: { name: 'local', namespace: 'cert-manager' },
          roleRef: { kind: 'ClusterRole', name: 'view' },
          subjects: [{ kind: 'ServiceAccount', name: 'cert-manager' }],
        },
      ],
    );
    const rbac = 'rbac.authorization.k8s.io';
    expect(ids).to.deep.equal([
      { group: '', resource: 'serviceaccounts', namespace: 'cert-manager', name: 'cert-manager' },
      { group: rbac, resource: 'clusterrolebindings', namespace: '', name: 'a-crb' },
      { group: rbac, resource: 'clusterrolebindings', namespace: '', name: 'z-crb' },
      { group: rbac, resource: 'clusterroles', namespace: '', name: 'shared' },
      { group: rbac, resource: 'clusterroles', namespace: '', name: 'view' },
      { group: rbac, resource: 'rolebindings', namespace: 'cert-manager', name: 'local' },
      { group: rbac, resource: 'rolebindings', namespace: 'kube-system', name: 'cert-manager:leaderelection' },
      { group: rbac, resource: 'roles', namespace: 'kube-system', name: 'cert-manager:leaderelection' },
    ]);
  });
});

describe('kube/errors', () => {
  const apiException = (code: number, body: unknown) => Object.assign(new Error(`HTTP-Code: ${code}`), { code, body });

  it('maps HTTP statuses to reasons and keeps the server message', () => {
    const forbidden = toClusterAccessError(
      apiException(403, JSON.stringify({ message: 'deployments.apps is forbidden: User "x" cannot list' })),
      'list deployments',
    );
    expect(forbidden.reason).to.equal('forbidden');
    expect(forbidden.message)
      .to.include('cannot list deployments: forbidden by RBAC')
      .and.include('User "x" cannot list');
    expect(toClusterAccessError(apiException(401, {}), 'x').reason).to.equal('forbidden');
    expect(toClusterAccessError(apiException(504, {}), 'x').reason).to.equal('timeout');
    expect(toClusterAccessError(apiException(500, { message: 'boom' }), 'x')).to.include({ reason: 'other' });
    expect(httpStatusOf(apiException(404, {}))).to.equal(404);
    expect(httpStatusOf(new Error('x'))).to.equal(undefined);
  });

  it('maps connection failures, including nested causes, to unreachable or timeout', () => {
    const refused = Object.assign(new Error('request failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    });
    expect(toClusterAccessError(refused, 'x').reason).to.equal('unreachable');
    expect(toClusterAccessError(Object.assign(new Error('t'), { code: 'ETIMEDOUT' }), 'x').reason).to.equal('timeout');
    expect(
      toClusterAccessError(Object.assign(new Error('t'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'x').reason,
    ).to.equal('unreachable');
    expect(toClusterAccessError(new Error('weird'), 'x').reason).to.equal('other');
  });

  it('passes a ClusterAccessError through', () => {
    const original = new ClusterAccessError('m', 'not-configured');
    expect(toClusterAccessError(original, 'x')).to.equal(original);
  });
});
