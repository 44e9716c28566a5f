/**
 * The outcome the plugin exists for, measured with cert-manager's real controller running: after a
 * restore, how many certificates were issued again, how many restored CertificateRequests were signed
 * again, which Secrets of the backup were overwritten, and whether an ingress-shim Certificate still
 * follows its Ingress.
 *
 * The workload (namespace "live"): a SelfSigned Issuer makes a root CA Certificate, a CA Issuer signs
 * two Certificates with it, and an Ingress annotated for that Issuer gets its shim Certificate from
 * ingress-shim. Everything is issued by the controller in the source cluster; nothing is placeholder.
 * The outcome scenario adds an ACME Certificate from the World's Pebble (acmeWorkload.ts); its orders
 * are counted at Pebble, not here.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { ACME_CERTIFICATE } from './acmeWorkload.js';
import { readCreates } from './audit.js';
import { apiRequest, type ClusterEndpoint } from './kube.js';
import { createObject } from './fixtures.js';
import { sleep, waitFor } from './proc.js';

export const LIVE_NAMESPACE = 'live';
const SHIM_INGRESS = 'storefront';
const SHIM_CERTIFICATE = 'storefront-tls';

const CM = 'cert-manager.io';

/** The issued workload, in creation order. */
function liveWorkload(): Record<string, unknown>[] {
  const ns = LIVE_NAMESPACE;
  const issuerRef = (name: string) => ({ name, kind: 'Issuer', group: CM });
  const certificate = (name: string, spec: Record<string, unknown>) => ({
    apiVersion: `${CM}/v1`,
    kind: 'Certificate',
    metadata: { name, namespace: ns },
    spec: { privateKey: { algorithm: 'ECDSA', size: 256 }, ...spec },
  });
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
    {
      apiVersion: `${CM}/v1`,
      kind: 'Issuer',
      metadata: { name: 'bootstrap', namespace: ns },
      spec: { selfSigned: {} },
    },
    certificate('root', {
      isCA: true,
      commonName: 'live root',
      secretName: 'root-ca',
      issuerRef: issuerRef('bootstrap'),
    }),
    {
      apiVersion: `${CM}/v1`,
      kind: 'Issuer',
      metadata: { name: 'ca', namespace: ns },
      spec: { ca: { secretName: 'root-ca' } },
    },
    certificate('web', { dnsNames: ['web.live.example'], secretName: 'web-tls', issuerRef: issuerRef('ca') }),
    certificate('api', { dnsNames: ['api.live.example'], secretName: 'api-tls', issuerRef: issuerRef('ca') }),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: SHIM_INGRESS, namespace: ns, annotations: { [`${CM}/issuer`]: 'ca' } },
      spec: {
        tls: [{ hosts: ['www.live.example'], secretName: SHIM_CERTIFICATE }],
        rules: [{ host: 'www.live.example', http: { paths: [ingressPath()] } }],
      },
    },
  ];
}

function ingressPath(): Record<string, unknown> {
  return { path: '/', pathType: 'Prefix', backend: { service: { name: 'storefront', port: { number: 80 } } } };
}

export async function loadLiveWorkload(cluster: ClusterEndpoint): Promise<void> {
  for (const object of liveWorkload()) await createObject(cluster, object);
}

interface Condition {
  type: string;
  status: string;
}
interface Item {
  metadata: { name: string; uid: string; ownerReferences?: { kind: string; name: string; uid: string }[] };
  spec?: { secretName?: string; dnsNames?: string[] };
  status?: { conditions?: Condition[]; certificate?: string };
  data?: Record<string, string>;
}

/** 429 "storage is (re)initializing": the API server's watch cache for a CRD (re)starting, e.g. just after a restore created it. */
const STORAGE_INITIALIZING_RETRY_MS = 30_000;

async function list(cluster: ClusterEndpoint, path: string): Promise<Item[]> {
  const deadline = Date.now() + STORAGE_INITIALIZING_RETRY_MS;
  let response = await apiRequest(cluster, 'GET', path);
  while (response.status === 429 && Date.now() < deadline) {
    await sleep(250);
    response = await apiRequest(cluster, 'GET', path);
  }
  if (response.status !== 200) throw new Error(`GET ${path}: HTTP ${response.status}`);
  return (response.body as { items: Item[] }).items;
}

const certificatesPath = `/apis/${CM}/v1/namespaces/${LIVE_NAMESPACE}/certificates`;
const requestsPath = `/apis/${CM}/v1/namespaces/${LIVE_NAMESPACE}/certificaterequests`;
const secretsPath = `/api/v1/namespaces/${LIVE_NAMESPACE}/secrets`;

const isTrue = (item: Item, type: string): boolean =>
  item.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
/** A CertificateRequest is finished once Ready is True or False with a terminal reason; pending otherwise. */
const requestPending = (item: Item): boolean =>
  !item.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') &&
  !item.status?.conditions?.some(
    (c) =>
      c.type === 'Ready' &&
      c.status === 'False' &&
      ['Failed', 'Denied'].includes((c as { reason?: string }).reason ?? ''),
  );

const digest = (text: string | undefined): string | undefined =>
  text === undefined ? undefined : createHash('sha256').update(text).digest('hex').slice(0, 16);

/** What the outcome is counted against: the workload's state at backup time, or after a restore. */
export interface OutcomeSnapshot {
  /** Certificate name -> serial of the certificate in its Secret (undefined: no Secret or no tls.crt). */
  certificateSerials: Record<string, string | undefined>;
  /** Certificate name -> Ready. */
  certificateReady: Record<string, boolean>;
  /** CertificateRequest name -> digest of status.certificate (undefined: not signed). */
  requestCertificates: Record<string, string | undefined>;
  /** CertificateRequests neither Ready nor finally failed. */
  requestsPending: string[];
  /** Secret name -> digest of its data. */
  secretData: Record<string, string>;
  /** The shim Certificate's owner reference (kind/name/uid), if any. */
  shimOwner?: { kind: string; name: string; uid: string };
}

function serialOf(tlsCrt: string | undefined): string | undefined {
  if (!tlsCrt) return undefined;
  try {
    return new X509Certificate(Buffer.from(tlsCrt, 'base64')).serialNumber;
  } catch {
    return undefined;
  }
}

export async function snapshot(cluster: ClusterEndpoint): Promise<OutcomeSnapshot> {
  const [certificates, requests, secrets] = await Promise.all([
    list(cluster, certificatesPath),
    list(cluster, requestsPath),
    list(cluster, secretsPath),
  ]);
  const secretByName = new Map(secrets.map((s) => [s.metadata.name, s]));
  const result: OutcomeSnapshot = {
    requestsPending: requests
      .filter(requestPending)
      .map((r) => r.metadata.name)
      .sort(),
    certificateSerials: {},
    certificateReady: {},
    requestCertificates: {},
    secretData: {},
  };
  for (const certificate of certificates) {
    const secret = secretByName.get(certificate.spec?.secretName ?? '');
    result.certificateSerials[certificate.metadata.name] = serialOf(secret?.data?.['tls.crt']);
    result.certificateReady[certificate.metadata.name] = isTrue(certificate, 'Ready');
    if (certificate.metadata.name === SHIM_CERTIFICATE) result.shimOwner = certificate.metadata.ownerReferences?.[0];
  }
  for (const request of requests)
    result.requestCertificates[request.metadata.name] = digest(request.status?.certificate);
  for (const secret of secrets) result.secretData[secret.metadata.name] = digest(JSON.stringify(secret.data ?? {}))!;
  return result;
}

/**
 * Waits until every Certificate of the workload is Ready and no CertificateRequest is pending, and that
 * state has held for `settleMs` (so a reissue the controller decides a little later is still seen).
 */
export async function waitUntilSettled(
  cluster: ClusterEndpoint,
  { settleMs, timeoutMs }: { settleMs: number; timeoutMs: number },
): Promise<{ settledAfterMs: number; timedOut: boolean }> {
  const started = Date.now();
  let calmSince: number | undefined;
  while (Date.now() - started < timeoutMs) {
    const [certificates, requests] = await Promise.all([list(cluster, certificatesPath), list(cluster, requestsPath)]);
    const calm =
      certificates.length > 0 && certificates.every((c) => isTrue(c, 'Ready')) && !requests.some(requestPending);
    if (!calm) calmSince = undefined;
    else if (calmSince === undefined) calmSince = Date.now();
    else if (Date.now() - calmSince >= settleMs) return { settledAfterMs: calmSince - started, timedOut: false };
    await sleep(500);
  }
  return { settledAfterMs: Date.now() - started, timedOut: true };
}

/** The counts the outcome table shows for one column. */
export interface Outcome {
  /** CertificateRequests the restore cluster's controller created (audit log): each one is an issuance. */
  requestsCreatedAfterRestore: number;
  /** Restored CertificateRequests whose status.certificate is now set and differs from backup time. */
  restoredRequestsResigned: number;
  /** Certificates whose Secret holds a certificate with another serial than at backup time. */
  certificatesReissued: string[];
  /** Secrets of the backup whose data differs after the restore (overwritten). */
  secretsOverwritten: string[];
  /** CertificateRequests still pending when measuring (e.g. a restored request that can never be signed). */
  requestsPending: string[];
  /** Certificates not Ready when measuring. */
  certificatesNotReady: string[];
  settledAfterMs: number;
  settleTimedOut: boolean;
}

export function countOutcome(
  before: OutcomeSnapshot,
  after: OutcomeSnapshot,
  controllerCreatedRequests: number,
  settle: { settledAfterMs: number; timedOut: boolean },
): Outcome {
  const restoredRequests = Object.keys(after.requestCertificates).filter((name) => name in before.requestCertificates);
  return {
    requestsCreatedAfterRestore: controllerCreatedRequests,
    restoredRequestsResigned: restoredRequests.filter(
      (name) =>
        after.requestCertificates[name] !== undefined &&
        after.requestCertificates[name] !== before.requestCertificates[name],
    ).length,
    certificatesReissued: Object.keys(before.certificateSerials)
      .filter(
        (name) =>
          name in after.certificateSerials && after.certificateSerials[name] !== before.certificateSerials[name],
      )
      .sort(),
    secretsOverwritten: Object.keys(before.secretData)
      .filter((name) => name in after.secretData && after.secretData[name] !== before.secretData[name])
      .sort(),
    requestsPending: after.requestsPending,
    certificatesNotReady: Object.entries(after.certificateReady)
      .filter(([, ready]) => !ready)
      .map(([name]) => name)
      .sort(),
    settledAfterMs: settle.settledAfterMs,
    settleTimedOut: settle.timedOut,
  };
}

/** CertificateRequests created in the workload namespace by anyone but Velero (so: by the controller). */
export function requestsCreatedByController(auditLog: string): number {
  return readCreates(auditLog).filter(
    (c) =>
      c.resource === 'certificaterequests' &&
      c.namespace === LIVE_NAMESPACE &&
      c.code === 201 &&
      !c.userAgent.startsWith('velero'),
  ).length;
}

export interface ShimCheck {
  /** The shim Certificate's dnsNames followed the Ingress's new host within the bound. */
  follows: boolean;
  /** Its owner is the restored Ingress (by the Ingress's uid in this cluster). */
  ownedByRestoredIngress: boolean;
  /** How long it took, or the bound when it did not follow. */
  afterMs: number;
}

/** Changes the restored Ingress's host and checks that ingress-shim updates its Certificate. */
export async function checkShimFollows(cluster: ClusterEndpoint, boundMs: number): Promise<ShimCheck> {
  const ingressPath = `/apis/networking.k8s.io/v1/namespaces/${LIVE_NAMESPACE}/ingresses/${SHIM_INGRESS}`;
  const ingress = (await apiRequest(cluster, 'GET', ingressPath)).body as Item & {
    spec: { tls: { hosts: string[] }[]; rules: { host: string }[] };
  };
  const host = 'shop.live.example';
  ingress.spec.tls[0]!.hosts = [host];
  ingress.spec.rules[0]!.host = host;
  const put = await apiRequest(cluster, 'PUT', ingressPath, ingress);
  if (put.status !== 200) throw new Error(`updating Ingress ${SHIM_INGRESS}: HTTP ${put.status}`);
  const started = Date.now();
  const certificatePath = `${certificatesPath}/${SHIM_CERTIFICATE}`;
  let last: Item | undefined;
  const follows = await waitFor(
    `shim Certificate ${SHIM_CERTIFICATE} to follow its Ingress`,
    async () => {
      const response = await apiRequest(cluster, 'GET', certificatePath);
      last = response.status === 200 ? (response.body as Item) : undefined;
      return last?.spec?.dnsNames?.includes(host) ?? false;
    },
    { timeoutMs: boundMs, intervalMs: 250 },
  ).then(
    () => true,
    () => false,
  );
  return {
    follows,
    ownedByRestoredIngress:
      last?.metadata.ownerReferences?.some((o) => o.kind === 'Ingress' && o.uid === ingress.metadata.uid) ?? false,
    afterMs: Date.now() - started,
  };
}

/** One column of the outcome table. */
export interface OutcomeColumn {
  column: string;
  restorePhase: string;
  outcome: Outcome;
  shim: ShimCheck;
  /**
   * Orders cert-manager placed at the ACME CA (Pebble's log) from the restore to the end of the checks;
   * undefined where the scenario's workload has no ACME Certificate (timing a, so far).
   */
  acmeOrdersAfterRestore?: number;
}

/** The outcome table as text: one row per measure, one column per way of backing up. */
export function outcomeTable(columns: OutcomeColumn[]): string {
  const rows: [string, (c: OutcomeColumn) => string][] = [
    ['restore phase', (c) => c.restorePhase],
    ['CertificateRequests created after the restore', (c) => String(c.outcome.requestsCreatedAfterRestore)],
    ['restored CertificateRequests signed again', (c) => String(c.outcome.restoredRequestsResigned)],
    ['Certificates reissued (new serial in the Secret)', (c) => String(c.outcome.certificatesReissued.length)],
    ['ACME orders placed at Pebble after the restore', (c) => String(c.acmeOrdersAfterRestore ?? 'n/a')],
    [
      'ACME Certificate keeps its serial',
      (c) =>
        c.acmeOrdersAfterRestore === undefined
          ? 'n/a'
          : c.outcome.certificatesReissued.includes(ACME_CERTIFICATE)
            ? 'NO'
            : 'yes',
    ],
    ['Secrets of the backup overwritten', (c) => String(c.outcome.secretsOverwritten.length)],
    ['Certificates not Ready after settling', (c) => String(c.outcome.certificatesNotReady.length)],
    ['CertificateRequests still pending', (c) => String(c.outcome.requestsPending.length)],
    [
      'shim Certificate follows its Ingress',
      (c) => (c.shim.follows ? `yes (${(c.shim.afterMs / 1000).toFixed(1)} s)` : 'NO'),
    ],
    ['shim Certificate owned by the restored Ingress', (c) => (c.shim.ownedByRestoredIngress ? 'yes' : 'NO')],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const cells = columns.map((c) => rows.map(([, value]) => value(c)));
  const colWidths = columns.map((c, i) => Math.max(c.column.length, ...cells[i]!.map((v) => v.length)));
  const line = (label: string, values: string[]) =>
    `${label.padEnd(width)}  ${values.map((v, i) => v.padStart(colWidths[i]!)).join('  ')}`;
  return [
    line(
      '',
      columns.map((c) => c.column),
    ),
    ...rows.map(([label], r) =>
      line(
        label,
        cells.map((column) => column[r]!),
      ),
    ),
  ].join('\n');
}
