/**
 * Every object an Issuer, ClusterIssuer or Certificate depends on by name: Secrets (read by reference
 * only, never by content), ServiceAccounts used for TokenRequest, and a Certificate's issuer.
 *
 * The tables mirror cert-manager's v1 API (../shared/docs/cert-manager-facts.md sections 2 and 3):
 * no Issuer Secret reference has a namespace field; each resolves in the issuer's resource namespace
 * (an Issuer's own namespace, or the cluster resource namespace for a ClusterIssuer). Certificate
 * references resolve in the Certificate's namespace.
 */
import type { KubeObject } from '../host/action.js';
import { CERT_MANAGER_GROUP, CLUSTER_ISSUER, ISSUER, apiGroupOf } from './kinds.js';
import { arrayAt, isObject, objectAt, stringAt } from './object-access.js';

/** One reference to a Secret, with the field it came from (for logs and findings). */
export interface SecretReference {
  name: string;
  /** The data key cert-manager reads, when the reference names one. */
  key?: string;
  /** Dotted path of the referencing field, e.g. `spec.acme.solvers[0].dns01.cloudflare.apiTokenSecretRef`. */
  field: string;
}

/** A ServiceAccount cert-manager requests tokens for (Vault kubernetes/aws auth, Route53 web identity). */
export interface ServiceAccountReference {
  name: string;
  field: string;
}

/** How a Secret field is written: a bare name string, or an object with `name` (and optional `key`). */
type SecretFieldForm = 'name' | 'selector';

interface SecretField {
  /** Path below the provider or issuer-type object. */
  path: readonly string[];
  form: SecretFieldForm;
}

const selector = (...path: string[]): SecretField => ({ path, form: 'selector' });
const bareName = (...path: string[]): SecretField => ({ path, form: 'name' });

/** Secret fields per issuer type, below `spec.<type>` (facts 2.1 to 2.5, issuer-level only). */
export const ISSUER_TYPE_SECRET_FIELDS: Readonly<Record<string, readonly SecretField[]>> = {
  ca: [bareName('secretName')],
  selfSigned: [],
  vault: [
    selector('auth', 'tokenSecretRef'),
    selector('auth', 'appRole', 'secretRef'),
    bareName('auth', 'clientCertificate', 'secretName'),
    selector('auth', 'kubernetes', 'secretRef'),
    selector('caBundleSecretRef'),
    selector('clientCertSecretRef'),
    selector('clientKeySecretRef'),
  ],
  venafi: [
    selector('tpp', 'credentialsRef'),
    selector('tpp', 'caBundleSecretRef'),
    selector('cloud', 'apiTokenSecretRef'),
    selector('ngts', 'credentialsRef'),
  ],
  acme: [selector('privateKeySecretRef'), selector('externalAccountBinding', 'keySecretRef')],
};

/** Secret fields per DNS01 provider, below `spec.acme.solvers[].dns01.<provider>` (facts 2.5). */
export const DNS01_PROVIDER_SECRET_FIELDS: Readonly<Record<string, readonly SecretField[]>> = {
  akamai: [selector('clientTokenSecretRef'), selector('clientSecretSecretRef'), selector('accessTokenSecretRef')],
  cloudDNS: [selector('serviceAccountSecretRef')],
  cloudflare: [selector('apiTokenSecretRef'), selector('apiKeySecretRef')],
  route53: [selector('secretAccessKeySecretRef'), selector('accessKeyIDSecretRef')],
  azureDNS: [selector('clientSecretSecretRef')],
  digitalocean: [selector('tokenSecretRef')],
  acmeDNS: [selector('accountSecretRef')],
  rfc2136: [selector('tsigSecretSecretRef')],
  // The webhook provider's `config` is opaque JSON defined by the external solver: nothing to read.
  webhook: [],
};

/** ServiceAccount fields below `spec.<type>` and below a DNS01 provider. */
const ISSUER_SERVICE_ACCOUNT_FIELDS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  vault: [
    ['auth', 'kubernetes', 'serviceAccountRef', 'name'],
    ['auth', 'aws', 'serviceAccountRef', 'name'],
  ],
};
const DNS01_SERVICE_ACCOUNT_FIELDS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  route53: [['auth', 'kubernetes', 'serviceAccountRef', 'name']],
};

function readSecretField(owner: unknown, field: SecretField, prefix: string): SecretReference | undefined {
  const dotted = `${prefix}.${field.path.join('.')}`;
  if (field.form === 'name') {
    const name = stringAt(owner, ...field.path);
    return name === undefined ? undefined : { name, field: dotted };
  }
  const ref = objectAt(owner, ...field.path);
  const name = stringAt(ref, 'name');
  if (name === undefined) return undefined;
  const key = stringAt(ref, 'key');
  return key === undefined ? { name, field: dotted } : { name, key, field: dotted };
}

function readFields(owner: unknown, fields: readonly SecretField[], prefix: string): SecretReference[] {
  const found: SecretReference[] = [];
  for (const field of fields) {
    const ref = readSecretField(owner, field, prefix);
    if (ref) found.push(ref);
  }
  return found;
}

function readServiceAccounts(
  owner: unknown,
  paths: readonly (readonly string[])[],
  prefix: string,
): ServiceAccountReference[] {
  const found: ServiceAccountReference[] = [];
  for (const path of paths) {
    const name = stringAt(owner, ...path);
    if (name !== undefined) found.push({ name, field: `${prefix}.${path.join('.')}` });
  }
  return found;
}

/** The DNS01 providers of an ACME issuer's solvers, with their path prefix. */
function dns01Providers(spec: unknown): { provider: string; config: unknown; prefix: string }[] {
  const result: { provider: string; config: unknown; prefix: string }[] = [];
  arrayAt(spec, 'acme', 'solvers').forEach((solver, index) => {
    const dns01 = objectAt(solver, 'dns01');
    if (!dns01) return;
    for (const [provider, config] of Object.entries(dns01)) {
      if (isObject(config)) result.push({ provider, config, prefix: `spec.acme.solvers[${index}].dns01.${provider}` });
    }
  });
  return result;
}

/** The issuer spec of an Issuer or ClusterIssuer object (or the spec itself). */
function issuerSpecOf(issuerOrSpec: KubeObject | Record<string, unknown>): unknown {
  return 'kind' in issuerOrSpec && 'metadata' in issuerOrSpec ? issuerOrSpec.spec : issuerOrSpec;
}

/**
 * Every Secret an Issuer or ClusterIssuer references, in spec order, de-duplicated by name (the first
 * field naming a Secret is reported). Accepts the object or its spec.
 */
export function issuerSecretReferences(issuerOrSpec: KubeObject | Record<string, unknown>): SecretReference[] {
  const spec = issuerSpecOf(issuerOrSpec);
  const refs: SecretReference[] = [];
  for (const [type, fields] of Object.entries(ISSUER_TYPE_SECRET_FIELDS)) {
    const typeConfig = objectAt(spec, type);
    if (typeConfig) refs.push(...readFields(typeConfig, fields, `spec.${type}`));
  }
  for (const { provider, config, prefix } of dns01Providers(spec)) {
    refs.push(...readFields(config, DNS01_PROVIDER_SECRET_FIELDS[provider] ?? [], prefix));
  }
  return uniqueByName(refs);
}

/** The ServiceAccounts an issuer asks tokens for; they live in the issuer's resource namespace. */
export function issuerServiceAccountReferences(
  issuerOrSpec: KubeObject | Record<string, unknown>,
): ServiceAccountReference[] {
  const spec = issuerSpecOf(issuerOrSpec);
  const refs: ServiceAccountReference[] = [];
  for (const [type, paths] of Object.entries(ISSUER_SERVICE_ACCOUNT_FIELDS)) {
    const typeConfig = objectAt(spec, type);
    if (typeConfig) refs.push(...readServiceAccounts(typeConfig, paths, `spec.${type}`));
  }
  for (const { provider, config, prefix } of dns01Providers(spec)) {
    refs.push(...readServiceAccounts(config, DNS01_SERVICE_ACCOUNT_FIELDS[provider] ?? [], prefix));
  }
  return uniqueByName(refs);
}

/** DNS01 providers whose Secret references this plugin cannot know (external webhook solvers). */
export function opaqueDns01Solvers(issuerOrSpec: KubeObject | Record<string, unknown>): string[] {
  return dns01Providers(issuerSpecOf(issuerOrSpec))
    .filter(({ provider }) => !(provider in DNS01_PROVIDER_SECRET_FIELDS) || provider === 'webhook')
    .map(({ prefix }) => prefix);
}

/**
 * The Secrets a Certificate depends on, in its own namespace: `spec.secretName` (the issued key pair)
 * and the keystore password Secrets.
 */
export function certificateSecretReferences(certificate: KubeObject): SecretReference[] {
  const refs: SecretReference[] = [];
  const secretName = stringAt(certificate, 'spec', 'secretName');
  if (secretName !== undefined) refs.push({ name: secretName, field: 'spec.secretName' });
  for (const keystore of ['jks', 'pkcs12']) {
    const ref = readSecretField(
      objectAt(certificate, 'spec', 'keystores', keystore),
      selector('passwordSecretRef'),
      `spec.keystores.${keystore}`,
    );
    if (ref) refs.push(ref);
  }
  return uniqueByName(refs);
}

/** A Certificate's `spec.issuerRef` with cert-manager's defaults applied (kind Issuer, group cert-manager.io). */
export interface IssuerReference {
  name: string;
  kind: string;
  group: string;
}

export function certificateIssuerReference(certificate: KubeObject): IssuerReference | undefined {
  const ref = objectAt(certificate, 'spec', 'issuerRef');
  const name = stringAt(ref, 'name');
  if (name === undefined) return undefined;
  return { name, kind: stringAt(ref, 'kind') ?? ISSUER.kind, group: stringAt(ref, 'group') ?? CERT_MANAGER_GROUP };
}

/**
 * True when the reference names cert-manager's own Issuer or ClusterIssuer (not an external issuer of
 * another API group, whose objects this plugin does not know).
 */
export function isCertManagerIssuer(ref: IssuerReference): boolean {
  return ref.group === CERT_MANAGER_GROUP && (ref.kind === ISSUER.kind || ref.kind === CLUSTER_ISSUER.kind);
}

/** True for Issuer and ClusterIssuer objects. */
export function isIssuerObject(item: KubeObject): boolean {
  return (
    apiGroupOf(item.apiVersion) === CERT_MANAGER_GROUP &&
    (item.kind === ISSUER.kind || item.kind === CLUSTER_ISSUER.kind)
  );
}

function uniqueByName<T extends { name: string }>(refs: T[]): T[] {
  const seen = new Set<string>();
  return refs.filter((ref) => (seen.has(ref.name) ? false : (seen.add(ref.name), true)));
}
