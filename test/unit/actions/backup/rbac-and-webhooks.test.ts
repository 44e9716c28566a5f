import { expect } from 'chai';
import type { KubeObject, ResourceIdentifier } from '../../../../src/host/action.js';
import { createBackupRbacAndWebhooks } from '../../../../src/actions/backup/rbac-and-webhooks.js';
import { chartDeployment } from '../../certmanager/fixtures.js';
import { FakeLookups, HELM_INSTALLATION, RecordingLogger, backupRequest, ids, scopesFor } from '../helpers.js';

const MUST_INCLUDE = 'backup.velero.io/must-include-additional-items';
const DEPENDS_ON = 'velero-plugin-for-cert-manager.dev/depends-on';
const rbac = (resource: string, namespace: string, name: string): ResourceIdentifier => ({
  group: resource.startsWith('service') ? '' : 'rbac.authorization.k8s.io',
  resource,
  namespace,
  name,
});

const LIVE_RBAC = {
  'cert-manager/cert-manager-webhook': [
    rbac('serviceaccounts', 'cert-manager', 'cert-manager-webhook'),
    rbac('roles', 'cert-manager', 'cert-manager-webhook:dynamic-serving'),
    rbac('rolebindings', 'cert-manager', 'cert-manager-webhook:dynamic-serving'),
    rbac('clusterroles', '', 'cert-manager-webhook:subjectaccessreviews'),
    rbac('clusterrolebindings', '', 'cert-manager-webhook:subjectaccessreviews'),
  ],
  'cert-manager/cert-manager': [
    rbac('serviceaccounts', 'cert-manager', 'cert-manager'),
    rbac('roles', 'kube-system', 'cert-manager:leaderelection'),
    rbac('rolebindings', 'kube-system', 'cert-manager:leaderelection'),
  ],
};
const WEBHOOKS = [
  'admissionregistration.k8s.io/validatingwebhookconfigurations//cert-manager-webhook',
  'admissionregistration.k8s.io/mutatingwebhookconfigurations//cert-manager-webhook',
];

describe('actions/backup/rbac-and-webhooks', () => {
  it('forces the live RBAC and webhook configurations in and records them on the item', async () => {
    const lookups = new FakeLookups({ installation: HELM_INSTALLATION, rbac: LIVE_RBAC });
    const result = await createBackupRbacAndWebhooks(scopesFor(lookups)).execute({
      item: chartDeployment('webhook'),
      backup: backupRequest(),
      log: new RecordingLogger(),
    });
    const expected = [...ids(LIVE_RBAC['cert-manager/cert-manager-webhook']), ...WEBHOOKS];
    expect(ids(result.additionalItems)).to.deep.equal(expected);
    expect(result.item.metadata.annotations?.[MUST_INCLUDE]).to.equal('true');
    expect(
      ids(JSON.parse(result.item.metadata.annotations?.[DEPENDS_ON] ?? '[]') as ResourceIdentifier[]),
    ).to.deep.equal(expected);
  });

  it('records the dependencies on every workload but forces each object in only once per backup', async () => {
    const lookups = new FakeLookups({ installation: HELM_INSTALLATION, rbac: LIVE_RBAC });
    const action = createBackupRbacAndWebhooks(scopesFor(lookups));
    const backup = backupRequest();
    const deployment = chartDeployment('controller');
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'cert-manager-5d8f9-abcde', namespace: 'cert-manager', labels: deployment.metadata.labels! },
      spec: (deployment.spec as { template: { spec: unknown } }).template.spec,
    };
    const first = await action.execute({ item: deployment, backup, log: new RecordingLogger() });
    const second = await action.execute({ item: pod, backup, log: new RecordingLogger() });
    expect(ids(first.additionalItems)).to.include(
      'rbac.authorization.k8s.io/roles/kube-system/cert-manager:leaderelection',
    );
    expect(second.additionalItems).to.equal(undefined);
    expect(second.item.metadata.annotations?.[MUST_INCLUDE]).to.equal(undefined);
    expect(second.item.metadata.annotations?.[DEPENDS_ON]).to.equal(first.item.metadata.annotations?.[DEPENDS_ON]);
    expect(lookups.calls.certManagerInstallation).to.equal(1);
  });

  it("falls back to the chart's names when the cluster cannot be asked, with one warning", async () => {
    const lookups = new FakeLookups({ installation: 'unreachable', rbac: 'forbidden' });
    const log = new RecordingLogger();
    const action = createBackupRbacAndWebhooks(scopesFor(lookups));
    const result = await action.execute({ item: chartDeployment('cainjector'), backup: backupRequest(), log });
    await action.execute({ item: chartDeployment('cainjector'), backup: backupRequest(), log });
    expect(ids(result.additionalItems)).to.include.members([
      '/serviceaccounts/cert-manager/cert-manager-cainjector',
      'rbac.authorization.k8s.io/clusterroles//cert-manager-cainjector',
      'rbac.authorization.k8s.io/roles/kube-system/cert-manager-cainjector:leaderelection',
      ...WEBHOOKS,
    ]);
    expect(log.at('warn').filter((m) => m.includes("Helm chart's names"))).to.have.length(1);
  });

  it('ignores Deployments that are not cert-manager', async () => {
    const item: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'cert-manager' },
      spec: { template: { spec: { containers: [{ image: 'nginx:1' }] } } },
    };
    const result = await createBackupRbacAndWebhooks(scopesFor(new FakeLookups())).execute({
      item,
      backup: backupRequest(),
      log: new RecordingLogger(),
    });
    expect(result).to.deep.equal({ item });
  });

  it('recognises a custom install in the configured namespace', async () => {
    const item: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'corp-cert-manager', namespace: 'pki' },
      spec: { template: { spec: { serviceAccountName: 'cm', containers: [{ image: 'mirror/controller:1' }] } } },
    };
    const lookups = new FakeLookups({
      config: { certManagerNamespace: 'pki' },
      rbac: { 'pki/cm': [rbac('serviceaccounts', 'pki', 'cm')] },
    });
    const result = await createBackupRbacAndWebhooks(scopesFor(lookups)).execute({
      item,
      backup: backupRequest(),
      log: new RecordingLogger(),
    });
    expect(ids(result.additionalItems)).to.include('/serviceaccounts/pki/cm');
  });
});
