/**
 * cert-manager's real controller (hack/testenv/cert-manager-controller) against the test API server:
 * it issues a SelfSigned root, a CA Issuer on that root and a leaf from it, and ingress-shim makes and
 * updates a Certificate for an annotated Ingress. Each test runs its own controller, scoped to the test's
 * namespace, so the other suites' objects in the shared environment are never touched.
 */
import { X509Certificate } from 'node:crypto';
import { expect } from 'chai';
import { CoreV1Api, CustomObjectsApi, NetworkingV1Api, type V1Ingress } from '@kubernetes/client-node';
import { adminKubeConfig, testEnv, testNamespace } from '../hooks.js';
import { startCertManagerController, type RunningController } from './index.js';
import { sleep } from './environment.js';
import { certManagerCreator } from './cert-manager-objects.js';

const GROUP = 'cert-manager.io';
const ISSUE_TIMEOUT_MS = 120_000;

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
interface CertManagerObject {
  metadata: { name: string; uid?: string; ownerReferences?: { kind: string; name: string; uid: string }[] };
  spec?: { dnsNames?: string[]; secretName?: string };
  status?: { conditions?: Condition[] };
}

describe("testenv: cert-manager's real controller", function () {
  this.timeout(ISSUE_TIMEOUT_MS + 120_000);
  let controller: RunningController | undefined;

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && controller)
      process.stderr.write(`controller log tail:\n${controller.logText().split('\n').slice(-40).join('\n')}\n`);
    await controller?.stop();
    controller = undefined;
  });

  it('issues SelfSigned -> CA -> leaf Certificates, each through an approved CertificateRequest', async () => {
    const namespace = testNamespace();
    controller = await startCertManagerController(testEnv(), { namespace });
    const custom = adminKubeConfig().makeApiClient(CustomObjectsApi);
    const create = certManagerCreator(adminKubeConfig(), namespace);
    await create('issuers', 'Issuer', 'bootstrap', { selfSigned: {} });
    await create('certificates', 'Certificate', 'root', {
      isCA: true,
      commonName: 'testenv root',
      secretName: 'root-ca',
      privateKey: { algorithm: 'ECDSA', size: 256 },
      issuerRef: { name: 'bootstrap', kind: 'Issuer', group: GROUP },
    });
    await create('issuers', 'Issuer', 'ca', { ca: { secretName: 'root-ca' } });
    await create('certificates', 'Certificate', 'leaf', {
      dnsNames: ['leaf.testenv.example'],
      secretName: 'leaf-tls',
      privateKey: { algorithm: 'ECDSA', size: 256 },
      issuerRef: { name: 'ca', kind: 'Issuer', group: GROUP },
    });

    const leaf = await waitForReady(namespace, 'certificates', 'leaf');
    expect(leaf.status?.conditions?.find((c) => c.type === 'Ready')?.status).to.equal('True');

    const core = adminKubeConfig().makeApiClient(CoreV1Api);
    const secret = async (name: string) => (await core.readNamespacedSecret({ namespace, name })).data ?? {};
    const root = new X509Certificate(Buffer.from((await secret('root-ca'))['tls.crt']!, 'base64'));
    const leafSecret = await secret('leaf-tls');
    const leafCert = new X509Certificate(Buffer.from(leafSecret['tls.crt']!, 'base64'));
    expect(root.subject).to.include('CN=testenv root');
    expect(root.ca).to.equal(true);
    expect(leafCert.subjectAltName).to.equal('DNS:leaf.testenv.example');
    expect(leafCert.checkIssued(root), 'the leaf is signed by the root').to.equal(true);
    expect(leafCert.verify(root.publicKey)).to.equal(true);
    expect(Buffer.from(leafSecret['ca.crt']!, 'base64').toString()).to.equal(root.toString());

    const requests = (await custom.listNamespacedCustomObject({
      group: GROUP,
      version: 'v1',
      namespace,
      plural: 'certificaterequests',
    })) as { items: CertManagerObject[] };
    expect(requests.items.map((r) => r.metadata.ownerReferences?.[0]?.name).sort()).to.deep.equal(['leaf', 'root']);
    for (const request of requests.items) {
      const types = (request.status?.conditions ?? []).filter((c) => c.status === 'True').map((c) => c.type);
      expect(types, request.metadata.name).to.include.members(['Approved', 'Ready']);
    }
  });

  it('makes a shim Certificate for an annotated Ingress, owned by it, and follows a host change', async () => {
    const namespace = testNamespace();
    controller = await startCertManagerController(testEnv(), { namespace });
    const custom = adminKubeConfig().makeApiClient(CustomObjectsApi);
    await custom.createNamespacedCustomObject({
      group: GROUP,
      version: 'v1',
      namespace,
      plural: 'issuers',
      body: { apiVersion: `${GROUP}/v1`, kind: 'Issuer', metadata: { name: 'self' }, spec: { selfSigned: {} } },
    });
    const networking = adminKubeConfig().makeApiClient(NetworkingV1Api);
    const ingress = (host: string): V1Ingress => ({
      metadata: { name: 'shop', namespace, annotations: { 'cert-manager.io/issuer': 'self' } },
      spec: {
        tls: [{ hosts: [host], secretName: 'shop-tls' }],
        rules: [
          {
            host,
            http: {
              paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }],
            },
          },
        ],
      },
    });
    const created = await networking.createNamespacedIngress({ namespace, body: ingress('a.testenv.example') });

    const shim = await waitForReady(namespace, 'certificates', 'shop-tls');
    expect(shim.metadata.ownerReferences?.[0]).to.include({
      kind: 'Ingress',
      name: 'shop',
      uid: created.metadata?.uid,
    });
    expect(shim.spec?.dnsNames).to.deep.equal(['a.testenv.example']);

    const current = await networking.readNamespacedIngress({ namespace, name: 'shop' });
    current.spec!.tls![0]!.hosts = ['b.testenv.example'];
    current.spec!.rules![0]!.host = 'b.testenv.example';
    await networking.replaceNamespacedIngress({ namespace, name: 'shop', body: current });
    const followed = await waitFor(ISSUE_TIMEOUT_MS, async () => {
      const cert = await getObject(namespace, 'certificates', 'shop-tls');
      return cert?.spec?.dnsNames?.[0] === 'b.testenv.example' ? cert : undefined;
    });
    expect(followed.spec?.dnsNames).to.deep.equal(['b.testenv.example']);
  });
});

async function getObject(namespace: string, plural: string, name: string): Promise<CertManagerObject | undefined> {
  try {
    return (await adminKubeConfig()
      .makeApiClient(CustomObjectsApi)
      .getNamespacedCustomObject({ group: GROUP, version: 'v1', namespace, plural, name })) as CertManagerObject;
  } catch {
    return undefined;
  }
}

async function waitForReady(namespace: string, plural: string, name: string): Promise<CertManagerObject> {
  let last: CertManagerObject | undefined;
  try {
    return await waitFor(ISSUE_TIMEOUT_MS, async () => {
      last = await getObject(namespace, plural, name);
      return last?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? last : undefined;
    });
  } catch {
    throw new Error(`${plural}/${name} not Ready within ${ISSUE_TIMEOUT_MS / 1000} s: ${JSON.stringify(last?.status)}`);
  }
}

async function waitFor<T>(timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(250);
  }
  throw new Error(`not reached within ${timeoutMs / 1000} s`);
}
