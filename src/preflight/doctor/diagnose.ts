/**
 * The doctor's diagnosis (pure): the live objects read by cluster/facts.ts in, findings with the exact
 * kubectl commands that fix them out. Commands only ever delete the damaged object (or clear a dead
 * Challenge's finalizer first); anything that needs the backup is described, never automated.
 */
import { CERTIFICATE_REQUEST, CHALLENGE, ORDER, groupResource } from '../../certmanager/kinds.js';
import { certificateIssuerReference } from '../../certmanager/references.js';
import { hasShimAnnotations, ingressLikeTlsSecrets } from '../../certmanager/shim.js';
import { makeFinding, objectName, type KubeObject, type LiveFinding } from '../audit/findings.js';
import { GR, Inventory, type InventoryItem } from '../audit/inventory.js';
import * as R from './rules.js';

export interface DiagnoseOptions {
  clusterResourceNamespace: string;
  /** Passed to every printed kubectl command (`--context C`). */
  context?: string;
  /** Shown as the findings' file. */
  file: string;
  /**
   * Only findings about objects in these namespaces (`doctor --namespace`); findings about cluster-scoped objects
   * (ClusterIssuers) are always kept. Every object is still read: a ClusterIssuer's or a Certificate's references
   * are judged against the whole cluster, so limiting the view never invents a missing Secret.
   */
  namespaces?: readonly string[];
}

const CR_GR = groupResource(CERTIFICATE_REQUEST);
const ORDER_GR = groupResource(ORDER);
const CHALLENGE_GR = groupResource(CHALLENGE);

const hasController = (o: KubeObject) => (o.metadata.ownerReferences ?? []).some((r) => r.controller === true);
const isEmptyStatus = (o: KubeObject) => {
  const status = o.status;
  return status === undefined || status === null || (typeof status === 'object' && Object.keys(status).length === 0);
};

export function diagnose(items: readonly InventoryItem[], options: DiagnoseOptions): LiveFinding[] {
  const inventory = new Inventory(items);
  const kubectl = (...args: string[]) => [
    'kubectl',
    ...(options.context ? ['--context', options.context] : []),
    ...args,
  ];
  const file = options.file;
  const found: LiveFinding[] = [];
  const wanted = options.namespaces ? new Set(options.namespaces) : undefined;
  // `namespace` is the namespace of the object the finding is about; '' for a cluster-scoped one.
  const out = {
    push(namespace: string, finding: LiveFinding) {
      if (!wanted || namespace === '' || wanted.has(namespace)) found.push(finding);
    },
  };
  const certs = new Map(inventory.of(GR.certificates).map((c) => [`${c.namespace}/${c.name}`, c]));

  for (const cr of inventory.of(CR_GR)) {
    if (hasController(cr.object)) continue;
    const name = objectName(cr.namespace, cr.name);
    const certName =
      cr.object.metadata.annotations?.['cert-manager.io/certificate-name'] ?? /^(.*)-\d+$/.exec(cr.name)?.[1];
    const cert = certName !== undefined ? certs.get(`${cr.namespace}/${certName}`) : undefined;
    const revision = cert
      ? Number((cert.object.status as { revision?: unknown } | undefined)?.revision ?? 0)
      : undefined;
    const next = cert ? `${cert.name}-${(revision ?? 0) + 1}` : undefined;
    const blocking = cert !== undefined && revision !== undefined && next === cr.name;
    out.push(
      cr.namespace,
      makeFinding(R.doctorOrphanCertificateRequest, {
        file,
        severity: blocking ? 'error' : 'warning',
        subject: { kind: 'CertificateRequest', name },
        message: blocking
          ? `CertificateRequest ${name} has no owner and is named like the next request of Certificate ${objectName(cr.namespace, cert.name)} (revision ${revision + 1}): its next issuance fails with AlreadyExists`
          : `CertificateRequest ${name} has no owner (restored without its Certificate's ownerReference): it is signed again and never cleaned up`,
        fix: 'delete it',
        commands: [kubectl('delete', CR_GR, '-n', cr.namespace, cr.name)],
      }),
    );
  }

  for (const owner of [...inventory.of(GR.ingresses), ...inventory.of(GR.gateways)]) {
    if (!hasShimAnnotations(owner.object)) continue;
    for (const tls of ingressLikeTlsSecrets(owner.object)) {
      if (tls.namespace !== owner.namespace) continue;
      const cert = certs.get(`${owner.namespace}/${tls.name}`);
      if (!cert) continue;
      const controller = (cert.object.metadata.ownerReferences ?? []).find((r) => r.controller === true);
      if (controller?.kind === owner.object.kind && controller.uid === owner.object.metadata.uid) continue;
      const name = objectName(cert.namespace, cert.name);
      const secretThere = inventory.has(GR.secrets, cert.namespace, tls.name);
      out.push(
        cert.namespace,
        makeFinding(R.doctorShimCertificateNotOwned, {
          file,
          subject: { kind: 'Certificate', name },
          message: `Certificate ${name} is not controlled by ${owner.object.kind} ${objectName(owner.namespace, owner.name)}, whose TLS entry it serves (${controller ? `its controller is ${controller.kind} ${controller.name} with another UID` : 'it has no owner'}): the shim will not manage it${secretThere ? '' : '; its Secret is missing, so deleting it means a new issuance'}`,
          fix: 'delete it; the shim recreates it with the right owner',
          commands: [kubectl('delete', GR.certificates, '-n', cert.namespace, cert.name)],
        }),
      );
    }
  }

  for (const cert of inventory.of(GR.certificates)) {
    const name = objectName(cert.namespace, cert.name);
    const secretName = (cert.object.spec as { secretName?: string } | undefined)?.secretName;
    if (!secretName) continue;
    const secret = inventory.of(GR.secrets).find((s) => s.namespace === cert.namespace && s.name === secretName);
    const mismatch = secret ? secretMismatch(cert, secret) : 'does not exist';
    if (!mismatch) continue;
    out.push(
      cert.namespace,
      makeFinding(R.doctorCertificateSecretMismatch, {
        file,
        subject: { kind: 'Certificate', name },
        message: `Secret ${objectName(cert.namespace, secretName)} of Certificate ${name} ${mismatch}: cert-manager issues the certificate again (new key)`,
        fix: `restore Secret ${objectName(cert.namespace, secretName)} from the backup: velero restore create --from-backup BACKUP --include-namespaces ${cert.namespace} --include-resources secrets`,
      }),
    );
  }

  for (const missing of inventory.missingSecrets(options.clusterResourceNamespace)) {
    if (missing.owner.groupResource === GR.certificates) continue; // reported above with the issuance check
    const owner = missing.owner;
    out.push(
      owner.namespace,
      makeFinding(R.doctorIssuerSecretMissing, {
        file,
        subject: { kind: owner.object.kind, name: objectName(owner.namespace, owner.name) },
        message: `${owner.object.kind} ${objectName(owner.namespace, owner.name)} references Secret ${objectName(missing.secretNamespace, missing.ref.name)} (${missing.ref.field}), which does not exist`,
        fix: `restore Secret ${objectName(missing.secretNamespace, missing.ref.name)} from the backup`,
      }),
    );
  }

  for (const gr of [ORDER_GR, CHALLENGE_GR]) {
    for (const o of inventory.of(gr)) {
      if (hasController(o.object) || !isEmptyStatus(o.object)) continue;
      const name = objectName(o.namespace, o.name);
      const finalizers = (o.object.metadata.finalizers as string[] | undefined) ?? [];
      const commands = [
        ...(finalizers.length
          ? [kubectl('patch', gr, '-n', o.namespace, o.name, '--type=merge', '-p', '{"metadata":{"finalizers":null}}')]
          : []),
        kubectl('delete', gr, '-n', o.namespace, o.name),
      ];
      out.push(
        o.namespace,
        makeFinding(R.doctorAcmeWithoutStatus, {
          file,
          subject: { kind: o.object.kind, name },
          message: `${o.object.kind} ${name} has no status and no owner (restored by Velero)${gr === ORDER_GR ? ': cert-manager places a new ACME order for it' : `: its ACME state is gone${finalizers.length ? ' and its finalizer blocks deletion' : ''}`}`,
          fix: finalizers.length ? 'clear its finalizer and delete it' : 'delete it',
          commands,
        }),
      );
    }
  }
  return found.sort(
    (a, b) => a.ruleId.localeCompare(b.ruleId) || (a.subject.name ?? '').localeCompare(b.subject.name ?? ''),
  );
}

/** Why cert-manager would consider the Secret not to belong to the Certificate (facts §3.3 checks 4 and 5). */
function secretMismatch(cert: InventoryItem, secret: InventoryItem): string | undefined {
  const a = secret.object.metadata.annotations ?? {};
  const ref = certificateIssuerReference(cert.object);
  const certName = a['cert-manager.io/certificate-name'];
  if (certName !== undefined && certName !== cert.name)
    return `belongs to Certificate ${certName} (cert-manager.io/certificate-name)`;
  if (!ref) return undefined;
  const issuerName = a['cert-manager.io/issuer-name'];
  const anyIssuer =
    issuerName !== undefined ||
    a['cert-manager.io/issuer-kind'] !== undefined ||
    a['cert-manager.io/issuer-group'] !== undefined;
  if (anyIssuer && issuerName !== ref.name)
    return `was issued by ${issuerName ?? '(no name)'}, not ${ref.name} (cert-manager.io/issuer-name)`;
  // An empty annotation means unset, as it does to cert-manager.
  // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
  const kind = a['cert-manager.io/issuer-kind'] || 'Issuer';
  // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
  const group = a['cert-manager.io/issuer-group'] || 'cert-manager.io';
  if (kind !== ref.kind) return `was issued by kind ${kind}, not ${ref.kind} (cert-manager.io/issuer-kind)`;
  if (group !== ref.group) return `was issued by group ${group}, not ${ref.group} (cert-manager.io/issuer-group)`;
  return undefined;
}
