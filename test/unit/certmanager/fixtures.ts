/**
 * Fixture objects shaped like cert-manager v1 objects in a real cluster, shared by the cert-manager
 * module tests and the action tests. Each issuer fixture lists the Secrets (and ServiceAccounts) it
 * references, so tests compare against the fixture's own declaration, not a repeated literal.
 */
import type { KubeObject, OwnerReference } from '../../../src/host/action.js';

export interface IssuerFixture {
  title: string;
  spec: Record<string, unknown>;
  secrets: string[];
  serviceAccounts?: string[];
}

const sel = (name: string, key?: string) => (key === undefined ? { name } : { name, key });

const dns01 = (provider: string, config: Record<string, unknown>) => ({
  acme: {
    server: 'https://acme.example/directory',
    email: 'ops@example.com',
    privateKeySecretRef: sel('acme-account-key'),
    solvers: [{ selector: { dnsZones: ['example.com'] }, dns01: { [provider]: config } }],
  },
});

/** One fixture per issuer type, Vault auth form, Venafi platform and DNS01 provider. */
export const ISSUER_FIXTURES: IssuerFixture[] = [
  {
    title: 'CA',
    spec: { ca: { secretName: 'ca-key-pair', crlDistributionPoints: ['http://crl.example'] } },
    secrets: ['ca-key-pair'],
  },
  { title: 'selfSigned', spec: { selfSigned: {} }, secrets: [] },
  {
    title: 'ACME with HTTP01 only',
    spec: {
      acme: {
        server: 'https://acme.example/directory',
        privateKeySecretRef: sel('letsencrypt-account'),
        solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }],
      },
    },
    secrets: ['letsencrypt-account'],
  },
  {
    title: 'ACME with external account binding',
    spec: {
      acme: {
        server: 'https://acme.example/directory',
        privateKeySecretRef: sel('zerossl-account'),
        externalAccountBinding: { keyID: 'kid-1', keySecretRef: sel('zerossl-eab', 'secret') },
        solvers: [{ http01: { ingress: {} } }],
      },
    },
    secrets: ['zerossl-account', 'zerossl-eab'],
  },
  {
    title: 'DNS01 akamai',
    spec: dns01('akamai', {
      serviceConsumerDomain: 'akab.example',
      clientTokenSecretRef: sel('akamai-creds', 'clientToken'),
      clientSecretSecretRef: sel('akamai-creds-secret', 'clientSecret'),
      accessTokenSecretRef: sel('akamai-access', 'accessToken'),
    }),
    secrets: ['acme-account-key', 'akamai-creds', 'akamai-creds-secret', 'akamai-access'],
  },
  {
    title: 'DNS01 cloudDNS with a key',
    spec: dns01('cloudDNS', { project: 'p', serviceAccountSecretRef: sel('clouddns-sa', 'key.json') }),
    secrets: ['acme-account-key', 'clouddns-sa'],
  },
  {
    title: 'DNS01 cloudDNS with workload identity',
    spec: dns01('cloudDNS', { project: 'p' }),
    secrets: ['acme-account-key'],
  },
  {
    title: 'DNS01 cloudflare API token',
    spec: dns01('cloudflare', { apiTokenSecretRef: sel('cloudflare-token', 'api-token') }),
    secrets: ['acme-account-key', 'cloudflare-token'],
  },
  {
    title: 'DNS01 cloudflare API key',
    spec: dns01('cloudflare', { email: 'a@example.com', apiKeySecretRef: sel('cloudflare-key', 'api-key') }),
    secrets: ['acme-account-key', 'cloudflare-key'],
  },
  {
    title: 'DNS01 route53 static keys',
    spec: dns01('route53', {
      region: 'eu-west-1',
      accessKeyIDSecretRef: sel('route53-id', 'access-key-id'),
      secretAccessKeySecretRef: sel('route53-secret', 'secret-access-key'),
    }),
    secrets: ['acme-account-key', 'route53-secret', 'route53-id'],
  },
  {
    title: 'DNS01 route53 ambient credentials (empty secret selector)',
    spec: dns01('route53', { region: 'eu-west-1', secretAccessKeySecretRef: { name: '' } }),
    secrets: ['acme-account-key'],
  },
  {
    title: 'DNS01 route53 web identity',
    spec: dns01('route53', {
      region: 'eu-west-1',
      role: 'arn:aws:iam::1:role/dns',
      auth: { kubernetes: { serviceAccountRef: { name: 'route53-sa' } } },
    }),
    secrets: ['acme-account-key'],
    serviceAccounts: ['route53-sa'],
  },
  {
    title: 'DNS01 azureDNS service principal',
    spec: dns01('azureDNS', {
      clientID: 'c',
      tenantID: 't',
      subscriptionID: 's',
      resourceGroupName: 'rg',
      clientSecretSecretRef: sel('azuredns-sp', 'client-secret'),
    }),
    secrets: ['acme-account-key', 'azuredns-sp'],
  },
  {
    title: 'DNS01 azureDNS managed identity',
    spec: dns01('azureDNS', { subscriptionID: 's', resourceGroupName: 'rg', managedIdentity: { clientID: 'mi' } }),
    secrets: ['acme-account-key'],
  },
  {
    title: 'DNS01 digitalocean',
    spec: dns01('digitalocean', { tokenSecretRef: sel('do-token', 'access-token') }),
    secrets: ['acme-account-key', 'do-token'],
  },
  {
    title: 'DNS01 acmeDNS',
    spec: dns01('acmeDNS', { host: 'https://auth.example', accountSecretRef: sel('acmedns', 'acmedns.json') }),
    secrets: ['acme-account-key', 'acmedns'],
  },
  {
    title: 'DNS01 rfc2136',
    spec: dns01('rfc2136', {
      nameserver: '10.0.0.1',
      tsigKeyName: 'k',
      tsigAlgorithm: 'HMACSHA512',
      tsigSecretSecretRef: sel('tsig', 'tsig-secret-key'),
    }),
    secrets: ['acme-account-key', 'tsig'],
  },
  {
    title: 'DNS01 webhook (opaque config)',
    spec: dns01('webhook', {
      groupName: 'acme.example',
      solverName: 'x',
      config: { apiKeySecretRef: { name: 'hidden', key: 'k' } },
    }),
    secrets: ['acme-account-key'],
  },
  {
    title: 'ACME with several solvers sharing a Secret',
    spec: {
      acme: {
        privateKeySecretRef: sel('multi-account'),
        solvers: [
          { dns01: { cloudflare: { apiTokenSecretRef: sel('cf', 'token') } } },
          { dns01: { cloudflare: { apiTokenSecretRef: sel('cf', 'token') } }, selector: { dnsNames: ['a.example'] } },
          { dns01: { digitalocean: { tokenSecretRef: sel('do', 'token') } } },
        ],
      },
    },
    secrets: ['multi-account', 'cf', 'do'],
  },
  {
    title: 'Vault token auth',
    spec: {
      vault: { server: 'https://vault', path: 'pki/sign/x', auth: { tokenSecretRef: sel('vault-token', 'token') } },
    },
    secrets: ['vault-token'],
  },
  {
    title: 'Vault AppRole auth',
    spec: {
      vault: {
        server: 'https://vault',
        path: 'pki/sign/x',
        auth: { appRole: { path: 'approle', roleId: 'r', secretRef: sel('vault-approle', 'secretId') } },
      },
    },
    secrets: ['vault-approle'],
  },
  {
    title: 'Vault client certificate auth',
    spec: {
      vault: {
        server: 'https://vault',
        path: 'pki/sign/x',
        auth: { clientCertificate: { mountPath: '/v1/auth/cert', secretName: 'vault-client-cert' } },
      },
    },
    secrets: ['vault-client-cert'],
  },
  {
    title: 'Vault kubernetes auth with a static token Secret',
    spec: {
      vault: {
        server: 'https://vault',
        path: 'pki/sign/x',
        auth: { kubernetes: { role: 'r', secretRef: sel('vault-sa-token', 'token') } },
      },
    },
    secrets: ['vault-sa-token'],
  },
  {
    title: 'Vault kubernetes auth with a ServiceAccount',
    spec: {
      vault: {
        server: 'https://vault',
        path: 'pki/sign/x',
        auth: { kubernetes: { role: 'r', serviceAccountRef: { name: 'vault-issuer' } } },
      },
    },
    secrets: [],
    serviceAccounts: ['vault-issuer'],
  },
  {
    title: 'Vault AWS IRSA auth',
    spec: {
      vault: {
        server: 'https://vault',
        path: 'pki/sign/x',
        auth: { aws: { role: 'r', serviceAccountRef: { name: 'vault-aws' }, iamRoleArn: 'arn' } },
      },
    },
    secrets: [],
    serviceAccounts: ['vault-aws'],
  },
  {
    title: 'Vault CA bundle and mTLS pair',
    spec: {
      vault: {
        server: 'https://vault',
        path: 'pki/sign/x',
        caBundleSecretRef: sel('vault-ca', 'ca.crt'),
        clientCertSecretRef: sel('vault-mtls', 'tls.crt'),
        clientKeySecretRef: sel('vault-mtls-key', 'tls.key'),
        auth: { tokenSecretRef: sel('vault-token') },
      },
    },
    secrets: ['vault-token', 'vault-ca', 'vault-mtls', 'vault-mtls-key'],
  },
  {
    title: 'Venafi TPP with CA bundle',
    spec: {
      venafi: {
        zone: 'z',
        tpp: { url: 'https://tpp', credentialsRef: { name: 'tpp-creds' }, caBundleSecretRef: sel('tpp-ca', 'ca.crt') },
      },
    },
    secrets: ['tpp-creds', 'tpp-ca'],
  },
  {
    title: 'Venafi Cloud',
    spec: { venafi: { zone: 'z', cloud: { apiTokenSecretRef: sel('vcloud-token', 'api-key') } } },
    secrets: ['vcloud-token'],
  },
  {
    title: 'Venafi NGTS',
    spec: { venafi: { zone: 'z', ngts: { credentialsRef: { name: 'ngts-creds' } } } },
    secrets: ['ngts-creds'],
  },
];

export function issuer(name: string, namespace: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name, namespace, uid: `uid-${name}` }, spec };
}

export function clusterIssuer(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name, uid: `uid-${name}` }, spec };
}

export interface CertificateOptions {
  secretName?: string;
  issuerRef?: Record<string, string>;
  owners?: OwnerReference[];
  keystores?: Record<string, unknown>;
  annotations?: Record<string, string>;
}

export function certificate(name: string, namespace: string, options: CertificateOptions = {}): KubeObject {
  const spec: Record<string, unknown> = {
    secretName: options.secretName ?? `${name}-tls`,
    dnsNames: [`${name}.example.com`],
    issuerRef: options.issuerRef ?? { name: 'ca-issuer' },
  };
  if (options.keystores) spec.keystores = options.keystores;
  const metadata: KubeObject['metadata'] = { name, namespace, uid: `uid-${name}` };
  if (options.owners) metadata.ownerReferences = options.owners;
  if (options.annotations) metadata.annotations = options.annotations;
  return { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata, spec };
}

const owner = (
  apiVersion: string,
  kind: string,
  name: string,
  controller: boolean | 'absent' = true,
): OwnerReference => {
  const ref: OwnerReference = { apiVersion, kind, name, uid: `uid-owner-${name}`, blockOwnerDeletion: true };
  if (controller !== 'absent') ref.controller = controller;
  return ref;
};

export interface OwnerFixture {
  title: string;
  owners: OwnerReference[];
  /** The kind of the shim owner, or undefined when the Certificate is user-managed. */
  shimKind?: string;
}

export const OWNER_FIXTURES: OwnerFixture[] = [
  { title: 'no owner', owners: [] },
  { title: 'Ingress controller owner', owners: [owner('networking.k8s.io/v1', 'Ingress', 'web')], shimKind: 'Ingress' },
  {
    title: 'legacy extensions Ingress owner',
    owners: [owner('extensions/v1beta1', 'Ingress', 'old-web')],
    shimKind: 'Ingress',
  },
  {
    title: 'Gateway controller owner',
    owners: [owner('gateway.networking.k8s.io/v1', 'Gateway', 'gw')],
    shimKind: 'Gateway',
  },
  {
    title: 'ListenerSet controller owner',
    owners: [owner('gateway.networking.k8s.io/v1', 'ListenerSet', 'ls')],
    shimKind: 'ListenerSet',
  },
  {
    title: 'Ingress owner that is not the controller',
    owners: [owner('networking.k8s.io/v1', 'Ingress', 'web', false)],
  },
  {
    title: 'Ingress owner without a controller field',
    owners: [owner('networking.k8s.io/v1', 'Ingress', 'web', 'absent')],
  },
  { title: 'another controller owner (a Helm-like operator CR)', owners: [owner('example.com/v1', 'App', 'app')] },
  { title: 'an Ingress kind of a foreign group', owners: [owner('example.com/v1', 'Ingress', 'fake')] },
  {
    title: 'non-controller Ingress plus a foreign controller',
    owners: [owner('networking.k8s.io/v1', 'Ingress', 'web', false), owner('example.com/v1', 'App', 'app')],
  },
];

/** A Deployment shaped like the Helm chart's output for one cert-manager component. */
export function chartDeployment(
  component: 'controller' | 'webhook' | 'cainjector',
  options: { release?: string; namespace?: string; helm?: boolean } = {},
): KubeObject {
  const release = options.release ?? 'cert-manager';
  const base = release.includes('cert-manager') ? release : `${release}-cert-manager`;
  const name = component === 'controller' ? base : `${base}-${component}`;
  const appName = component === 'controller' ? 'cert-manager' : component;
  const labels: Record<string, string> = {
    app: appName,
    'app.kubernetes.io/name': appName,
    'app.kubernetes.io/instance': release,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/version': 'v1.21.2',
  };
  if (options.helm !== false) {
    labels['app.kubernetes.io/managed-by'] = 'Helm';
    labels['helm.sh/chart'] = 'cert-manager-v1.21.2';
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: options.namespace ?? 'cert-manager', labels },
    spec: {
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: name,
          containers: [
            { name: `cert-manager-${component}`, image: `quay.io/jetstack/cert-manager-${component}:v1.21.2` },
          ],
        },
      },
    },
  };
}
