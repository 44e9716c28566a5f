/**
 * The cert-manager workload the scenarios back up: one application namespace ("shop") using every
 * path the cert-manager backup guide talks about, on top of the cert-manager install the test
 * environment puts into the source cluster (chart objects in "cert-manager", CRDs).
 *
 *   Issuer shop/ca-issuer ............ CA issuer, Secret shop/ca-key-pair
 *   ClusterIssuer letsencrypt ........ ACME, account key Secret cert-manager/letsencrypt-account-key
 *   Certificate shop/web ............. user-created, Secret shop/web-tls, issued by ca-issuer
 *   Certificate shop/api ............. user-created, Secret shop/api-tls, issued by ClusterIssuer letsencrypt
 *   Ingress shop/storefront .......... ingress-shim (cluster-issuer letsencrypt), Secret shop/storefront-tls,
 *                                      shim Certificate shop/storefront-tls owned by the Ingress
 *   Gateway shop/edge ................ gateway-shim (issuer ca-issuer), Secret shop/edge-tls
 *   CertificateRequest shop/web-1, Order shop/storefront-tls-1-3046781952,
 *   Challenge shop/storefront-tls-1-3046781952-1104237543 ... the ephemeral kinds
 *   Deployment shop/storefront ....... an ordinary workload
 *   ReplicaSet + Pod of cert-manager's controller, as a running cluster has them (the chart only
 *   gives Deployments, and no controller-manager runs here to create the rest)
 * Object data is placeholder text: nothing here runs, and Velero copies bytes without reading them.
 */
import { apiRequest, type ClusterEndpoint } from './kube.js';

export const APP_NAMESPACE = 'shop';
export const CERT_MANAGER_NAMESPACE = 'cert-manager';

const b64 = (text: string): string => Buffer.from(text).toString('base64');
const pem = (what: string): string => b64(`-----BEGIN ${what}-----\nZTJlLXBsYWNlaG9sZGVy\n-----END ${what}-----\n`);

function tlsSecret(namespace: string, name: string, annotations: Record<string, string> = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: { name, namespace, annotations },
    data: { 'tls.crt': pem('CERTIFICATE'), 'tls.key': pem('PRIVATE KEY'), 'ca.crt': pem('CERTIFICATE') },
  };
}

function issuedSecretAnnotations(certificate: string, issuer: string, issuerKind: string): Record<string, string> {
  return {
    'cert-manager.io/certificate-name': certificate,
    'cert-manager.io/issuer-name': issuer,
    'cert-manager.io/issuer-kind': issuerKind,
    'cert-manager.io/issuer-group': 'cert-manager.io',
    'cert-manager.io/common-name': `${certificate}.shop.example`,
    'cert-manager.io/alt-names': `${certificate}.shop.example`,
  };
}

/** Objects in creation order; `{{INGRESS_UID}}` is replaced by the Ingress's uid once it exists. */
function shopObjects(): Record<string, unknown>[] {
  const ns = APP_NAMESPACE;
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
    tlsSecret(ns, 'ca-key-pair'),
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: { name: 'ca-issuer', namespace: ns },
      spec: { ca: { secretName: 'ca-key-pair' } },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name: 'letsencrypt-account-key', namespace: CERT_MANAGER_NAMESPACE },
      data: { 'tls.key': pem('PRIVATE KEY') },
    },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'letsencrypt' },
      spec: {
        acme: {
          server: 'https://acme-staging-v02.api.letsencrypt.org/directory',
          email: 'ops@shop.example',
          privateKeySecretRef: { name: 'letsencrypt-account-key' },
          solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }],
        },
      },
    },
    tlsSecret(ns, 'web-tls', issuedSecretAnnotations('web', 'ca-issuer', 'Issuer')),
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'web', namespace: ns },
      spec: {
        secretName: 'web-tls',
        dnsNames: ['web.shop.example'],
        issuerRef: { name: 'ca-issuer', kind: 'Issuer', group: 'cert-manager.io' },
      },
    },
    tlsSecret(ns, 'api-tls', issuedSecretAnnotations('api', 'letsencrypt', 'ClusterIssuer')),
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'api', namespace: ns },
      spec: {
        secretName: 'api-tls',
        dnsNames: ['api.shop.example'],
        issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer', group: 'cert-manager.io' },
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'storefront', namespace: ns, annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } },
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: ['www.shop.example'], secretName: 'storefront-tls' }],
        rules: [
          {
            host: 'www.shop.example',
            http: {
              paths: [
                { path: '/', pathType: 'Prefix', backend: { service: { name: 'storefront', port: { number: 80 } } } },
              ],
            },
          },
        ],
      },
    },
    tlsSecret(ns, 'storefront-tls', issuedSecretAnnotations('storefront-tls', 'letsencrypt', 'ClusterIssuer')),
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: {
        name: 'storefront-tls',
        namespace: ns,
        ownerReferences: [
          {
            apiVersion: 'networking.k8s.io/v1',
            kind: 'Ingress',
            name: 'storefront',
            uid: '{{INGRESS_UID}}',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        secretName: 'storefront-tls',
        dnsNames: ['www.shop.example'],
        issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer', group: 'cert-manager.io' },
        usages: ['digital signature', 'key encipherment'],
      },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'edge', namespace: ns, annotations: { 'cert-manager.io/issuer': 'ca-issuer' } },
      spec: {
        gatewayClassName: 'example',
        listeners: [
          {
            name: 'https',
            hostname: 'edge.shop.example',
            port: 443,
            protocol: 'HTTPS',
            tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'edge-tls' }] },
          },
        ],
      },
    },
    tlsSecret(ns, 'edge-tls', issuedSecretAnnotations('edge-tls', 'ca-issuer', 'Issuer')),
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'CertificateRequest',
      metadata: {
        name: 'web-1',
        namespace: ns,
        annotations: { 'cert-manager.io/certificate-name': 'web', 'cert-manager.io/certificate-revision': '1' },
      },
      spec: {
        request: pem('CERTIFICATE REQUEST'),
        issuerRef: { name: 'ca-issuer', kind: 'Issuer', group: 'cert-manager.io' },
        usages: ['digital signature'],
      },
    },
    {
      apiVersion: 'acme.cert-manager.io/v1',
      kind: 'Order',
      metadata: { name: 'storefront-tls-1-3046781952', namespace: ns },
      spec: {
        request: pem('CERTIFICATE REQUEST'),
        issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer', group: 'cert-manager.io' },
        dnsNames: ['www.shop.example'],
      },
    },
    {
      apiVersion: 'acme.cert-manager.io/v1',
      kind: 'Challenge',
      metadata: {
        name: 'storefront-tls-1-3046781952-1104237543',
        namespace: ns,
        finalizers: ['finalizer.acme.cert-manager.io'],
      },
      spec: {
        authorizationURL: 'https://acme.example/authz/1',
        dnsName: 'www.shop.example',
        issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer', group: 'cert-manager.io' },
        key: 'placeholder-key-authorization',
        solver: { http01: { ingress: { ingressClassName: 'nginx' } } },
        token: 'placeholder-token',
        type: 'HTTP-01',
        url: 'https://acme.example/chall/1',
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'storefront', namespace: ns, labels: { app: 'storefront' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'storefront' } },
        template: {
          metadata: { labels: { app: 'storefront' } },
          spec: {
            containers: [
              {
                name: 'web',
                image: 'registry.example/storefront:1.0',
                volumeMounts: [{ name: 'tls', mountPath: '/tls' }],
              },
            ],
            volumes: [{ name: 'tls', secret: { secretName: 'web-tls' } }],
          },
        },
      },
    },
  ];
}

/** What a running cert-manager install has besides its chart objects: a ReplicaSet and a Pod per Deployment (the controller's here). */
function certManagerRuntimeObjects(): Record<string, unknown>[] {
  const labels = {
    'app.kubernetes.io/name': 'cert-manager',
    'app.kubernetes.io/instance': 'cert-manager',
    'app.kubernetes.io/component': 'controller',
    'pod-template-hash': '5d8f9c7b6',
  };
  const podSpec = {
    serviceAccountName: 'cert-manager',
    containers: [
      {
        name: 'cert-manager-controller',
        image: 'quay.io/jetstack/cert-manager-controller:v1.21.2',
        args: ['--cluster-resource-namespace=$(POD_NAMESPACE)'],
      },
    ],
  };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'cert-manager-5d8f9c7b6', namespace: CERT_MANAGER_NAMESPACE, labels },
      spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec } },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'cert-manager-5d8f9c7b6-x7k2p', namespace: CERT_MANAGER_NAMESPACE, labels },
      spec: podSpec,
    },
  ];
}

/**
 * The plugin's configuration ConfigMap (Velero's plugin-config convention) with forceSecrets on: the
 * Secrets the actions add then reach the backup whatever its filters say.
 */
export function forceSecretsConfig(): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'velero-plugin-for-cert-manager',
      namespace: 'velero',
      labels: {
        'velero.io/plugin-config': '',
        'velero-plugin-for-cert-manager.dev/backup-issuer-secrets': 'BackupItemAction',
      },
    },
    data: { forceSecrets: 'true' },
  };
}

/** Creates the shop workload (existing objects are kept), filling in the Ingress uid for the shim Certificate's owner. */
export async function loadShop(cluster: ClusterEndpoint): Promise<void> {
  let ingressUid = '';
  for (const template of [...certManagerRuntimeObjects(), ...shopObjects()]) {
    const object = JSON.parse(JSON.stringify(template).replaceAll('{{INGRESS_UID}}', ingressUid)) as Record<
      string,
      unknown
    >;
    const created = await createObject(cluster, object);
    if (object.kind === 'Ingress') ingressUid = (created.metadata as { uid?: string }).uid ?? '';
  }
}

/** POSTs an object to its collection; 409 (exists) returns the existing object. */
export async function createObject(
  cluster: ClusterEndpoint,
  object: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const path = await collectionPath(cluster, object);
  const response = await apiRequest(cluster, 'POST', path, object);
  const metadata = object.metadata as { name: string };
  if (response.status === 409) {
    const existing = await apiRequest(cluster, 'GET', `${path}/${metadata.name}`);
    return existing.body as Record<string, unknown>;
  }
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(
      `creating ${String(object.kind)} ${metadata.name}: HTTP ${response.status} ${JSON.stringify(response.body).slice(0, 400)}`,
    );
  }
  return response.body as Record<string, unknown>;
}

const resourceCache = new Map<string, { resource: string; namespaced: boolean }>();

/** The REST collection path of an object's kind, by discovery (cached per server and apiVersion/kind). */
async function collectionPath(cluster: ClusterEndpoint, object: Record<string, unknown>): Promise<string> {
  const apiVersion = String(object.apiVersion);
  const kind = String(object.kind);
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const key = `${cluster.server} ${apiVersion} ${kind}`;
  let found = resourceCache.get(key);
  if (!found) {
    const discovery = await apiRequest(cluster, 'GET', base);
    const resources =
      (discovery.body as { resources?: { name: string; kind: string; namespaced: boolean }[] }).resources ?? [];
    const match = resources.find((r) => r.kind === kind && !r.name.includes('/'));
    if (!match) throw new Error(`the API server does not serve ${kind} in ${apiVersion}`);
    found = { resource: match.name, namespaced: match.namespaced };
    resourceCache.set(key, found);
  }
  const namespace = (object.metadata as { namespace?: string }).namespace;
  return found.namespaced
    ? `${base}/namespaces/${namespace ?? 'default'}/${found.resource}`
    : `${base}/${found.resource}`;
}
