/**
 * What cert-manager's real controller does after `velero-cm-preflight import`: a small workload issued for real
 * in the shared environment (SelfSigned Issuer -> root CA Certificate -> CA Issuer -> two leaf Certificates, and
 * an Ingress whose shim Certificate ingress-shim makes), exported with and without --with-certificate-secrets,
 * imported into a second API server where the controller runs too. Counted there once everything is Ready and no
 * CertificateRequest is pending: Certificates whose Secret holds another serial than at export, and the
 * CertificateRequests the controller created. The import's forecast must name exactly the Certificates the
 * controller then issued anew.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { CoreV1Api, CustomObjectsApi, NetworkingV1Api, type KubeConfig } from '@kubernetes/client-node';
import yaml from 'js-yaml';
import { testEnv, testNamespace } from '../hooks.js';
import {
  kubeConfigFromFile,
  startCertManagerController,
  startTestEnvironment,
  type RunningController,
  type TestEnvironment,
} from '../testenv/index.js';
import { sleep } from '../testenv/environment.js';
import { runPreflight } from './preflight-cli.js';
import { certManagerCreator } from '../testenv/cert-manager-objects.js';

const GROUP = 'cert-manager.io';
const ISSUE_TIMEOUT_MS = 90_000;
/** How long the target must stay calm (all Ready, nothing pending) before counting: a late reissue shows. */
const SETTLE_MS = 5_000;
/** The Certificates the workload makes; shop-tls is ingress-shim's. */
const CERTIFICATES = ['root', 'web', 'api', 'shop-tls'];

interface Condition {
  type: string;
  status: string;
  reason?: string;
}
interface Item {
  metadata: { name: string };
  spec?: { secretName?: string };
  status?: { conditions?: Condition[] };
}

const ready = (item: Item) => item.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
/** A CertificateRequest still on its way: neither Ready nor finally Failed or Denied. */
const pending = (item: Item) =>
  !ready(item) &&
  !item.status?.conditions?.some(
    (c) => c.type === 'Ready' && c.status === 'False' && ['Failed', 'Denied'].includes(c.reason ?? ''),
  );

async function listOf(kc: KubeConfig, namespace: string, plural: string): Promise<Item[]> {
  const list = (await kc
    .makeApiClient(CustomObjectsApi)
    .listNamespacedCustomObject({ group: GROUP, version: 'v1', namespace, plural })) as { items: Item[] };
  return list.items;
}

/** Certificate name -> serial of the certificate in its Secret (undefined: no Secret yet). */
async function serials(kc: KubeConfig, namespace: string): Promise<Record<string, string | undefined>> {
  const core = kc.makeApiClient(CoreV1Api);
  const secrets = new Map(
    (await core.listNamespacedSecret({ namespace })).items.map((s) => [s.metadata?.name, s.data?.['tls.crt']]),
  );
  const result: Record<string, string | undefined> = {};
  for (const certificate of await listOf(kc, namespace, 'certificates')) {
    const crt = secrets.get(certificate.spec?.secretName);
    result[certificate.metadata.name] = crt ? new X509Certificate(Buffer.from(crt, 'base64')).serialNumber : undefined;
  }
  return result;
}

/**
 * Waits until `expected` Certificates exist, all Ready, no CertificateRequest pending, and that has held for
 * SETTLE_MS; throws with what it saw when the bound passes.
 */
async function settle(kc: KubeConfig, namespace: string, expected: number): Promise<number> {
  const started = Date.now();
  let calmSince: number | undefined;
  let seen = '';
  while (Date.now() - started < ISSUE_TIMEOUT_MS) {
    const [certificates, requests] = await Promise.all([
      listOf(kc, namespace, 'certificates'),
      listOf(kc, namespace, 'certificaterequests'),
    ]);
    seen = JSON.stringify({
      notReady: certificates.filter((c) => !ready(c)).map((c) => c.metadata.name),
      pending: requests.filter(pending).map((r) => r.metadata.name),
    });
    const calm = certificates.length === expected && certificates.every(ready) && !requests.some(pending);
    if (!calm) calmSince = undefined;
    else if (calmSince === undefined) calmSince = Date.now();
    else if (Date.now() - calmSince >= SETTLE_MS) return calmSince - started;
    await sleep(250);
  }
  throw new Error(`${namespace} not settled within ${ISSUE_TIMEOUT_MS / 1000} s: ${seen}`);
}

/** The workload, issued by the controller in the source environment. */
async function issueWorkload(kc: KubeConfig, namespace: string): Promise<void> {
  const create = certManagerCreator(kc, namespace);
  const issuerRef = (name: string) => ({ name, kind: 'Issuer', group: GROUP });
  const key = { algorithm: 'ECDSA', size: 256 };
  await create('issuers', 'Issuer', 'bootstrap', { selfSigned: {} });
  await create('certificates', 'Certificate', 'root', {
    isCA: true,
    commonName: 'copy root',
    secretName: 'root-ca',
    privateKey: key,
    issuerRef: issuerRef('bootstrap'),
  });
  await create('issuers', 'Issuer', 'ca', { ca: { secretName: 'root-ca' } });
  for (const name of ['web', 'api'])
    await create('certificates', 'Certificate', name, {
      dnsNames: [`${name}.copy.example`],
      secretName: `${name}-tls`,
      privateKey: key,
      issuerRef: issuerRef('ca'),
    });
  await kc.makeApiClient(NetworkingV1Api).createNamespacedIngress({
    namespace,
    body: {
      metadata: { name: 'shop', namespace, annotations: { [`${GROUP}/issuer`]: 'ca' } },
      spec: {
        tls: [{ hosts: ['shop.copy.example'], secretName: 'shop-tls' }],
        rules: [
          {
            host: 'shop.copy.example',
            http: {
              paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'shop', port: { number: 80 } } } }],
            },
          },
        ],
      },
    },
  });
}

interface Measured {
  /** Certificates the import's forecast says cert-manager will issue anew. */
  forecast: string[];
  /** Certificates whose Secret holds another serial in the target than in the source at export. */
  reissued: string[];
  /** CertificateRequests in the target namespace: the import copies none, so the controller made each. */
  requestsCreated: number;
  settledAfterMs: number;
  /** The root CA certificate's serial in the source at export. */
  rootSerialAtExport: string | undefined;
}

describe("velero-cm-preflight import: what cert-manager's real controller reissues", function () {
  this.timeout(300_000);
  let target: TestEnvironment | undefined;
  let work: string;
  const controllers: RunningController[] = [];

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'vcm-copy-reissue-'));
    target = await startTestEnvironment({
      stateDir: mkdtempSync(join(tmpdir(), 'vcm-copy-reissue-target-')),
      stopOnExit: true,
    });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      for (const c of controllers)
        process.stderr.write(`controller log tail (${c.logFile}):\n${c.logText().split('\n').slice(-30).join('\n')}\n`);
    for (const c of controllers.splice(0)) await c.stop();
  });
  after(async () => {
    await target?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  /** Issues the workload in the source, exports it (with `exportArgs`), imports it into the target, counts. */
  async function roundTrip(exportArgs: string[]): Promise<Measured> {
    const namespace = testNamespace();
    const source = kubeConfigFromFile(testEnv().kubeconfig);
    const sourceController = await startCertManagerController(testEnv(), { namespace });
    controllers.push(sourceController);
    await issueWorkload(source, namespace);
    await settle(source, namespace, CERTIFICATES.length);
    const atExport = await serials(source, namespace);
    expect(Object.keys(atExport).sort()).to.deep.equal([...CERTIFICATES].sort());
    expect(Object.values(atExport).every((s) => s !== undefined)).to.equal(true);
    // The source's controller stops: nothing it does after the export can be mistaken for the target's.
    await sourceController.stop();

    const file = join(work, `${namespace}.yaml`);
    const exported = runPreflight(testEnv().kubeconfig, [
      'export',
      '--namespace',
      namespace,
      ...exportArgs,
      '-o',
      file,
    ]);
    expect(exported.status, exported.stderr).to.equal(0);
    expect(exported.stderr).to.contain(
      `left out Certificate ${namespace}/shop-tls (owned by Ingress ${namespace}/shop)`,
    );
    const kinds = (yaml.loadAll(readFileSync(file, 'utf8')) as ({ kind: string; metadata: { name: string } } | null)[])
      .filter((d) => d !== null)
      .map((d) => `${d.kind} ${d.metadata.name}`);
    expect(kinds.filter((k) => k.startsWith('Certificate ')).sort()).to.deep.equal([
      'Certificate api',
      'Certificate root',
      'Certificate web',
    ]);
    expect(kinds).to.not.include('Ingress shop');

    const targetKc = kubeConfigFromFile(target!.kubeconfig);
    await targetKc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
    controllers.push(await startCertManagerController(target!, { namespace }));
    const imported = runPreflight(target!.kubeconfig, ['import', file]);
    expect(imported.status, imported.stderr).to.equal(0);
    const forecast = [
      ...imported.stderr.matchAll(new RegExp(`^velero-cm-preflight: {3}Certificate ${namespace}/(\\S+) `, 'gm')),
    ]
      .map((m) => m[1]!)
      .sort();

    const settledAfterMs = await settle(targetKc, namespace, CERTIFICATES.length - 1);
    const afterImport = await serials(targetKc, namespace);
    const measured: Measured = {
      forecast,
      reissued: Object.keys(afterImport)
        .filter((name) => afterImport[name] !== atExport[name])
        .sort(),
      requestsCreated: (await listOf(targetKc, namespace, 'certificaterequests')).length,
      settledAfterMs,
      rootSerialAtExport: atExport.root,
    };
    process.stderr.write(`      measured (${exportArgs.join(' ') || 'plain export'}): ${JSON.stringify(measured)}\n`);
    return measured;
  }

  it('with --with-certificate-secrets: no Certificate reissued, no CertificateRequest created', async () => {
    const measured = await roundTrip(['--with-certificate-secrets']);
    expect(measured.forecast).to.deep.equal([]);
    expect(measured.reissued).to.deep.equal([]);
    expect(measured.requestsCreated).to.equal(0);
  });

  it("without: every Certificate whose Secret is not in the file is issued anew, exactly the import's forecast", async () => {
    const measured = await roundTrip([]);
    // root's Secret is the CA Issuer's key pair, so it travels as an issuer Secret and root keeps its serial.
    expect(measured.forecast).to.deep.equal(['api', 'web']);
    expect(measured.reissued).to.deep.equal(measured.forecast);
    expect(measured.requestsCreated).to.equal(measured.forecast.length);
    // The new leaves are signed with the copied CA key pair: clients trusting the old root keep trusting them.
    const core = kubeConfigFromFile(target!.kubeconfig).makeApiClient(CoreV1Api);
    const certificateIn = async (name: string) =>
      new X509Certificate(
        Buffer.from(
          (await core.readNamespacedSecret({ namespace: testNamespace(), name })).data!['tls.crt']!,
          'base64',
        ),
      );
    const root = await certificateIn('root-ca');
    expect(root.serialNumber).to.equal(measured.rootSerialAtExport);
    for (const leaf of ['web-tls', 'api-tls'])
      expect((await certificateIn(leaf)).verify(root.publicKey), leaf).to.equal(true);
  });
});
