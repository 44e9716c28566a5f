/**
 * A set of Kubernetes objects indexed by Velero group-resource, namespace and name: the contents of a
 * backup tarball or a listing of the live cluster. The dependency checks the audit and the doctor share
 * (which Secrets and issuers a Certificate or an issuer needs, which of them are there) live here, on top
 * of the cert-manager knowledge in src/certmanager.
 */
import { ANNOTATION_CLUSTER_RESOURCE_NAMESPACE } from '../../certmanager/annotations.js';
import { CERTIFICATE, CLUSTER_ISSUER, ISSUER, groupResource } from '../../certmanager/kinds.js';
import {
  certificateIssuerReference,
  certificateSecretReferences,
  isCertManagerIssuer,
  issuerSecretReferences,
  type IssuerReference,
  type SecretReference,
} from '../../certmanager/references.js';
import type { KubeObject } from './findings.js';

export const GR = {
  certificates: groupResource(CERTIFICATE),
  issuers: groupResource(ISSUER),
  clusterIssuers: groupResource(CLUSTER_ISSUER),
  secrets: 'secrets',
  crds: 'customresourcedefinitions.apiextensions.k8s.io',
  validatingWebhooks: 'validatingwebhookconfigurations.admissionregistration.k8s.io',
  mutatingWebhooks: 'mutatingwebhookconfigurations.admissionregistration.k8s.io',
  clusterRoles: 'clusterroles.rbac.authorization.k8s.io',
  clusterRoleBindings: 'clusterrolebindings.rbac.authorization.k8s.io',
  ingresses: 'ingresses.networking.k8s.io',
  gateways: 'gateways.gateway.networking.k8s.io',
} as const;

export interface InventoryItem {
  groupResource: string;
  namespace: string;
  name: string;
  object: KubeObject;
}

export interface MissingSecret {
  /** The object that needs the Secret. */
  owner: InventoryItem;
  secretNamespace: string;
  ref: SecretReference;
}

export interface MissingIssuer {
  certificate: InventoryItem;
  issuer: IssuerReference;
}

export class Inventory {
  private readonly byType = new Map<string, InventoryItem[]>();
  private readonly keys = new Set<string>();

  constructor(items: Iterable<InventoryItem>) {
    for (const item of items) {
      const list = this.byType.get(item.groupResource) ?? [];
      list.push(item);
      this.byType.set(item.groupResource, list);
      this.keys.add(key(item.groupResource, item.namespace, item.name));
    }
  }

  of(groupResource: string): InventoryItem[] {
    return this.byType.get(groupResource) ?? [];
  }

  has(groupResource: string, namespace: string, name: string): boolean {
    return this.keys.has(key(groupResource, namespace, name));
  }

  types(): string[] {
    return [...this.byType.keys()];
  }

  /**
   * Secrets Certificates and issuers reference that are not in the inventory. A ClusterIssuer's Secrets
   * resolve in the cluster resource namespace: the one the plugin recorded on the object when present, else
   * `clusterResourceNamespace`.
   */
  missingSecrets(clusterResourceNamespace: string): MissingSecret[] {
    const out: MissingSecret[] = [];
    for (const cert of this.of(GR.certificates)) {
      for (const ref of certificateSecretReferences(cert.object)) {
        if (!this.has(GR.secrets, cert.namespace, ref.name))
          out.push({ owner: cert, secretNamespace: cert.namespace, ref });
      }
    }
    for (const issuer of [...this.of(GR.issuers), ...this.of(GR.clusterIssuers)]) {
      const ns =
        issuer.namespace ||
        (issuer.object.metadata.annotations?.[ANNOTATION_CLUSTER_RESOURCE_NAMESPACE] ?? clusterResourceNamespace);
      for (const ref of issuerSecretReferences(issuer.object)) {
        if (!this.has(GR.secrets, ns, ref.name)) out.push({ owner: issuer, secretNamespace: ns, ref });
      }
    }
    return out;
  }

  /** Certificates whose cert-manager Issuer or ClusterIssuer is not in the inventory (external issuers are not judged). */
  missingIssuers(): MissingIssuer[] {
    const out: MissingIssuer[] = [];
    for (const cert of this.of(GR.certificates)) {
      const ref = certificateIssuerReference(cert.object);
      if (!ref || !isCertManagerIssuer(ref)) continue;
      const present =
        ref.kind === CLUSTER_ISSUER.kind
          ? this.has(GR.clusterIssuers, '', ref.name)
          : this.has(GR.issuers, cert.namespace, ref.name);
      if (!present) out.push({ certificate: cert, issuer: ref });
    }
    return out;
  }
}

function key(groupResource: string, namespace: string, name: string): string {
  return `${groupResource}\0${namespace}\0${name}`;
}

const CHART_NAMES = new Set(['cert-manager', 'cainjector', 'webhook', 'startupapicheck']);

/**
 * cert-manager's own webhook configuration: cainjector's annotation pointing at cert-manager's CA Secret, or
 * webhooks named `*.cert-manager.io` (the chart's are `webhook.cert-manager.io`).
 */
export function isCertManagerWebhookConfiguration(object: KubeObject): boolean {
  const annotations = object.metadata.annotations ?? {};
  if (
    Object.keys(annotations).some((k) => k === 'cert-manager.io/inject-ca-from-secret') &&
    (object.metadata.name ?? '').includes('cert-manager')
  )
    return true;
  const webhooks = (object.webhooks as { name?: unknown }[] | undefined) ?? [];
  return webhooks.some((w) => typeof w.name === 'string' && w.name.endsWith('.cert-manager.io'));
}

/** cert-manager's ClusterRoles and bindings, by the chart's labels (or, for other installs, the name). */
export function isCertManagerRbac(object: KubeObject): boolean {
  const labels = object.metadata.labels ?? {};
  const name = labels['app.kubernetes.io/name'];
  if (
    name !== undefined &&
    CHART_NAMES.has(name) &&
    (labels['app.kubernetes.io/instance'] !== undefined || labels.app !== undefined)
  )
    return true;
  return (object.metadata.name ?? '').startsWith('cert-manager-');
}
