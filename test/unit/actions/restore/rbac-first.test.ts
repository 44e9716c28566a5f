import { expect } from 'chai';
import type { KubeObject, ResourceIdentifier } from '../../../../src/host/action.js';
import { createRestoreRbacFirst, recordedDependencies } from '../../../../src/actions/restore/rbac-first.js';
import { chartDeployment } from '../../certmanager/fixtures.js';
import { FakeLookups, RecordingLogger, ids, restoreRequest, scopesFor } from '../helpers.js';

const DEPENDS_ON = 'velero-plugin-for-cert-manager.dev/depends-on';
const recorded: ResourceIdentifier[] = [
  { group: '', resource: 'serviceaccounts', namespace: 'cert-manager', name: 'cert-manager-webhook' },
  {
    group: 'rbac.authorization.k8s.io',
    resource: 'roles',
    namespace: 'cert-manager',
    name: 'cert-manager-webhook:dynamic-serving',
  },
  {
    group: 'rbac.authorization.k8s.io',
    resource: 'clusterrolebindings',
    namespace: '',
    name: 'cert-manager-webhook:subjectaccessreviews',
  },
  {
    group: 'admissionregistration.k8s.io',
    resource: 'validatingwebhookconfigurations',
    namespace: '',
    name: 'cert-manager-webhook',
  },
];

function annotated(item: KubeObject, value: string): KubeObject {
  return { ...item, metadata: { ...item.metadata, annotations: { [DEPENDS_ON]: value, other: 'kept' } } };
}

describe('actions/restore/rbac-first', () => {
  it('restores the recorded ServiceAccount and RBAC first, not the webhook configurations, and drops the annotation', async () => {
    const fromBackup = annotated(chartDeployment('webhook'), JSON.stringify(recorded));
    const result = await createRestoreRbacFirst(scopesFor(new FakeLookups())).execute({
      item: fromBackup,
      itemFromBackup: fromBackup,
      restore: restoreRequest(),
      log: new RecordingLogger(),
    });
    expect(ids(result.additionalItems)).to.deep.equal(ids(recorded.slice(0, 3)));
    expect(result.item.metadata.annotations).to.deep.equal({ other: 'kept' });
  });

  it("uses the chart's names for a backup taken without the plugin", async () => {
    const item = chartDeployment('controller', { release: 'platform' });
    const result = await createRestoreRbacFirst(scopesFor(new FakeLookups())).execute({
      item,
      itemFromBackup: item,
      restore: restoreRequest(),
      log: new RecordingLogger(),
    });
    expect(ids(result.additionalItems)).to.include.members([
      '/serviceaccounts/cert-manager/platform-cert-manager',
      'rbac.authorization.k8s.io/roles/kube-system/platform-cert-manager:leaderelection',
      'rbac.authorization.k8s.io/clusterrolebindings//platform-cert-manager-controller-issuers',
    ]);
  });

  it('falls back to the chart when the annotation is unreadable, with a warning', async () => {
    const fromBackup = annotated(chartDeployment('cainjector'), '{not json');
    const log = new RecordingLogger();
    const result = await createRestoreRbacFirst(scopesFor(new FakeLookups())).execute({
      item: fromBackup,
      itemFromBackup: fromBackup,
      restore: restoreRequest(),
      log,
    });
    expect(ids(result.additionalItems)).to.include('rbac.authorization.k8s.io/clusterroles//cert-manager-cainjector');
    expect(log.at('warn')).to.have.length(1);
    expect(result.item.metadata.annotations?.[DEPENDS_ON]).to.equal(undefined);
  });

  it('leaves other workloads alone', async () => {
    const item: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-1', namespace: 'web' },
      spec: { containers: [{ image: 'nginx' }] },
    };
    const result = await createRestoreRbacFirst(scopesFor(new FakeLookups())).execute({
      item,
      itemFromBackup: item,
      restore: restoreRequest(),
      log: new RecordingLogger(),
    });
    expect(result).to.deep.equal({ item });
  });

  it('reads only well-formed identifiers from the annotation', () => {
    expect(recordedDependencies(undefined)).to.equal(undefined);
    expect(recordedDependencies('{}')).to.equal(undefined);
    expect(
      recordedDependencies(
        '[{"group":"","resource":"serviceaccounts","namespace":"a","name":"b","extra":1},{"group":1},{"group":"","resource":"x","namespace":"","name":""}]',
      ),
    ).to.deep.equal([{ group: '', resource: 'serviceaccounts', namespace: 'a', name: 'b' }]);
  });
});
