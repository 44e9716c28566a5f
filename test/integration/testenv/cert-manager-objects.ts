/** Creating cert-manager objects in a test namespace, for the tests that let the real controller issue them. */
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';

const CERT_MANAGER_GROUP = 'cert-manager.io';

/** A function that creates one cert-manager.io/v1 object (plural, kind, name, spec) in `namespace`. */
export function certManagerCreator(kc: KubeConfig, namespace: string) {
  const custom = kc.makeApiClient(CustomObjectsApi);
  return (plural: string, kind: string, name: string, spec: object) =>
    custom.createNamespacedCustomObject({
      group: CERT_MANAGER_GROUP,
      version: 'v1',
      namespace,
      plural,
      body: { apiVersion: `${CERT_MANAGER_GROUP}/v1`, kind, metadata: { name }, spec },
    });
}
