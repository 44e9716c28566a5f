/**
 * Clusters for the export and import tests against the fake API server: a source holding cert-manager's
 * configuration (issuers of several types, a shim Certificate, Secrets present and missing), and an empty target.
 */
import type { FakeObject } from '../cluster/fake-apiserver.js';

/** The CRDs export and import require. */
const crds = (): FakeObject[] =>
  ['certificates.cert-manager.io', 'issuers.cert-manager.io', 'clusterissuers.cert-manager.io'].map((name) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name },
  }));

const namespaces = (...names: string[]): FakeObject[] =>
  names.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));

/** What only the source's API server sets: export and import must leave it out. */
const serverSet = {
  uid: '0b5c-source',
  resourceVersion: '4711',
  generation: 3,
  creationTimestamp: '2026-01-01T00:00:00Z',
  managedFields: [{ manager: 'kubectl', operation: 'Apply' }],
};

export const secret = (namespace: string, name: string, data: Record<string, string> = { k: 'dg==' }): FakeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace, ...serverSet },
  type: 'Opaque',
  data,
});

export const issuer = (namespace: string, name: string, spec: Record<string, unknown>): FakeObject => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'Issuer',
  metadata: { name, namespace, ...serverSet },
  spec,
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
});

export const clusterIssuer = (name: string, spec: Record<string, unknown>): FakeObject => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'ClusterIssuer',
  metadata: { name, ...serverSet },
  spec,
});

export const certificate = (
  namespace: string,
  name: string,
  issuerRef: Record<string, unknown>,
  metadata: Record<string, unknown> = {},
): FakeObject => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name, namespace, ...serverSet, ...metadata },
  spec: { secretName: `${name}-tls`, dnsNames: [`${name}.example.com`], issuerRef },
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
});

/** The controller, whose --cluster-resource-namespace says where ClusterIssuer Secrets live. */
const controller = (args: string[]): FakeObject => {
  const labels = {
    'app.kubernetes.io/name': 'cert-manager',
    'app.kubernetes.io/component': 'controller',
    'app.kubernetes.io/instance': 'cert-manager',
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'cert-manager', namespace: 'cert-manager', labels },
    spec: {
      template: {
        metadata: { labels },
        spec: {
          containers: [
            { name: 'cert-manager-controller', image: 'quay.io/jetstack/cert-manager-controller:v1.19.1', args },
          ],
        },
      },
    },
  };
};

/**
 * The source cluster: in app, a CA Issuer (its key pair present), an ACME Issuer (account key missing, a
 * Cloudflare token present, a webhook solver), a Vault Issuer (its ServiceAccount present), Certificates web
 * (Secret issued), pending (not issued yet) and shop (owned by an Ingress); in other, a Certificate of the
 * ClusterIssuer org-ca, whose key pair lives in issuer-secrets (the controller's flag); a ClusterIssuer no
 * Certificate uses.
 */
export function sourceCluster(
  options: { withController?: boolean; withCrds?: boolean } = {},
): Record<string, FakeObject[]> {
  const { withController = true, withCrds = true } = options;
  return {
    ...(withCrds ? { 'customresourcedefinitions.apiextensions.k8s.io': crds() } : {}),
    namespaces: namespaces('app', 'other', 'cert-manager', 'issuer-secrets'),
    'deployments.apps': withController ? [controller(['--cluster-resource-namespace=issuer-secrets'])] : [],
    'clusterissuers.cert-manager.io': [
      clusterIssuer('org-ca', { ca: { secretName: 'org-ca-key' } }),
      clusterIssuer('unused', { selfSigned: {} }),
    ],
    'issuers.cert-manager.io': [
      issuer('app', 'ca', { ca: { secretName: 'ca-key' } }),
      issuer('app', 'acme', {
        acme: {
          server: 'https://acme.example/directory',
          privateKeySecretRef: { name: 'acme-account' },
          solvers: [
            { dns01: { cloudflare: { apiTokenSecretRef: { name: 'cf-token', key: 'token' } } } },
            { dns01: { webhook: { groupName: 'acme.example', solverName: 'x', config: { secret: 'x-creds' } } } },
          ],
        },
      }),
      issuer('app', 'vault', {
        vault: {
          server: 'https://vault.example',
          path: 'pki/sign/app',
          auth: { kubernetes: { role: 'app', serviceAccountRef: { name: 'vault-auth' } } },
        },
      }),
    ],
    'certificates.cert-manager.io': [
      certificate('app', 'web', { name: 'ca' }),
      certificate('app', 'pending', { name: 'ca' }),
      certificate(
        'app',
        'shop',
        { name: 'ca' },
        {
          ownerReferences: [
            { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'shop', uid: 'u', controller: true },
          ],
        },
      ),
      certificate('other', 'api', { name: 'org-ca', kind: 'ClusterIssuer', group: 'cert-manager.io' }),
    ],
    secrets: [
      secret('app', 'ca-key'),
      secret('app', 'cf-token'),
      secret('app', 'web-tls'),
      secret('app', 'shop-tls'),
      secret('app', 'unrelated'),
      secret('other', 'api-tls'),
      secret('issuer-secrets', 'org-ca-key'),
    ],
    serviceaccounts: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'vault-auth', namespace: 'app' } }],
  };
}

/** A target cluster with cert-manager's CRDs (unless told otherwise), the given namespaces and nothing else. */
export function emptyCluster(names: string[], options: { withCrds?: boolean } = {}): Record<string, FakeObject[]> {
  return {
    ...(options.withCrds === false ? {} : { 'customresourcedefinitions.apiextensions.k8s.io': crds() }),
    namespaces: namespaces(...names),
    secrets: [],
    serviceaccounts: [],
    'clusterissuers.cert-manager.io': [],
    'issuers.cert-manager.io': [],
    'certificates.cert-manager.io': [],
  };
}
