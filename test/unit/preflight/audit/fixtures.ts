/** cert-manager objects as they appear in a backup, for the audit and doctor tests. */
import type { Obj, Resource } from './velero-tar.js';

export const CRDS = [
  'certificates.cert-manager.io',
  'certificaterequests.cert-manager.io',
  'issuers.cert-manager.io',
  'clusterissuers.cert-manager.io',
  'orders.acme.cert-manager.io',
  'challenges.acme.cert-manager.io',
];

const crd = (name: string): [Resource, Obj] => [
  'customresourcedefinitions.apiextensions.k8s.io',
  { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name } },
];
export const secret = (namespace: string, name: string, annotations: Record<string, string> = {}): [Resource, Obj] => [
  'secrets',
  { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace, annotations }, type: 'kubernetes.io/tls' },
];
export const certificate = (
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> = {},
): [Resource, Obj] => [
  'certificates.cert-manager.io',
  { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name, namespace, ...metadata }, spec },
];
const issuer = (namespace: string, name: string, spec: Record<string, unknown>): [Resource, Obj] => [
  'issuers.cert-manager.io',
  { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name, namespace }, spec },
];
const clusterIssuer = (
  name: string,
  spec: Record<string, unknown>,
  annotations: Record<string, string> = {},
): [Resource, Obj] => [
  'clusterissuers.cert-manager.io',
  { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name, annotations }, spec },
];
const acmeSpec = (keySecret: string, dnsSecret?: string) => ({
  acme: {
    server: 'https://acme.example/directory',
    privateKeySecretRef: { name: keySecret },
    solvers: dnsSecret
      ? [{ dns01: { cloudflare: { apiTokenSecretRef: { name: dnsSecret, key: 'token' } } } }]
      : [{ http01: { ingress: {} } }],
  },
});
const webhook = (): [Resource, Obj] => [
  'validatingwebhookconfigurations.admissionregistration.k8s.io',
  {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'cert-manager-webhook' },
    webhooks: [{ name: 'webhook.cert-manager.io' }],
  },
];
const clusterRole = (name: string): [Resource, Obj] => [
  'clusterroles.rbac.authorization.k8s.io',
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      name,
      labels: { 'app.kubernetes.io/name': 'cert-manager', 'app.kubernetes.io/instance': 'cert-manager' },
    },
  },
];
export const ingressOwner = (name: string, uid = 'uid-ingress') => ({
  ownerReferences: [
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name, uid, controller: true, blockOwnerDeletion: true },
  ],
});

/** A complete, healthy cert-manager backup: CRDs, issuers with their Secrets, a Certificate with its Secret, webhooks, RBAC. */
export function healthyBackup(): [Resource, Obj][] {
  return [
    ...CRDS.map(crd),
    clusterIssuer('letsencrypt', acmeSpec('letsencrypt-account', 'cloudflare-token')),
    secret('cert-manager', 'letsencrypt-account'),
    secret('cert-manager', 'cloudflare-token'),
    issuer('app', 'ca', { ca: { secretName: 'ca-key-pair' } }),
    secret('app', 'ca-key-pair'),
    certificate('app', 'web', {
      secretName: 'web-tls',
      dnsNames: ['web.example'],
      issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' },
    }),
    secret('app', 'web-tls', { 'cert-manager.io/certificate-name': 'web' }),
    certificate('app', 'internal', { secretName: 'internal-tls', commonName: 'internal', issuerRef: { name: 'ca' } }),
    secret('app', 'internal-tls', { 'cert-manager.io/certificate-name': 'internal' }),
    webhook(),
    clusterRole('cert-manager-controller-issuers'),
  ];
}

/**
 * The healthy backup's objects as they are in a live cluster, for the doctor and cluster-mode tests: the
 * issued Secrets carry every annotation cert-manager writes on them, so only the damage a test adds shows.
 */
export function healthyCluster(): [Resource, Obj][] {
  const issuedBy: Record<string, Record<string, string>> = {
    'web-tls': {
      'cert-manager.io/certificate-name': 'web',
      'cert-manager.io/issuer-name': 'letsencrypt',
      'cert-manager.io/issuer-kind': 'ClusterIssuer',
      'cert-manager.io/issuer-group': 'cert-manager.io',
    },
    'internal-tls': {
      'cert-manager.io/certificate-name': 'internal',
      'cert-manager.io/issuer-name': 'ca',
      'cert-manager.io/issuer-kind': 'Issuer',
    },
  };
  const objects = healthyBackup();
  for (const [resource, obj] of objects) {
    const annotations = resource === 'secrets' ? issuedBy[obj.metadata.name] : undefined;
    if (annotations) obj.metadata.annotations = annotations;
  }
  return objects;
}
