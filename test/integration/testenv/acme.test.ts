/**
 * The ACME path of the test environment, end to end with real parts only: cert-manager's controller
 * registers an ACME account at Pebble, writes the DNS-01 record into bind9's `named` through the RFC2136
 * provider (TSIG-signed), checks propagation against that `named` only, and Pebble validates the record
 * through the same `named` and signs. The issued certificate must chain to Pebble's issuing root, and
 * Pebble's log must show exactly the one order placed and finalized.
 */
import { X509Certificate } from 'node:crypto';
import { expect } from 'chai';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { adminKubeConfig, testEnv, testNamespace } from '../hooks.js';
import { startCertManagerController, type RunningController } from './index.js';
import { acmeControllerOptions, acmeIssuerObjects, startAcmeServer, type AcmeServer } from './acme.js';
import { sleep } from './environment.js';
import { certManagerCreator } from './cert-manager-objects.js';
import { join } from 'node:path';

const ISSUE_TIMEOUT_MS = 180_000;

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

describe('testenv: ACME issuance through Pebble and bind9 (DNS-01, RFC2136)', function () {
  this.timeout(ISSUE_TIMEOUT_MS + 120_000);
  let acme: AcmeServer | undefined;
  let controller: RunningController | undefined;

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      if (controller)
        process.stderr.write(`controller log tail:\n${controller.logText().split('\n').slice(-40).join('\n')}\n`);
      if (acme) process.stderr.write(`Pebble log: ${acme.pebble.logFile}, named log: ${acme.dns.logFile}\n`);
    }
    await controller?.stop();
    await acme?.stop();
    controller = undefined;
    acme = undefined;
  });

  it('issues a Certificate from an ACME Issuer: one order at Pebble, chained to its root', async () => {
    const namespace = testNamespace();
    const env = testEnv();
    const log = (message: string) => process.stderr.write(`      acme: ${message}\n`);
    acme = await startAcmeServer(join(env.stateDir, `acme-${namespace}`), log);
    controller = await startCertManagerController(env, { namespace, ...acmeControllerOptions(acme) });
    const kc = adminKubeConfig();
    const core = kc.makeApiClient(CoreV1Api);
    const [tsigSecret, issuer] = acmeIssuerObjects(acme, namespace, 'pebble');
    await core.createNamespacedSecret({ namespace, body: tsigSecret as never });
    const create = certManagerCreator(kc, namespace);
    await create('issuers', 'Issuer', 'pebble', (issuer as { spec: object }).spec);
    const started = Date.now();
    const dnsName = `shop.${acme.dns.zone}`;
    await create('certificates', 'Certificate', 'shop', {
      dnsNames: [dnsName],
      secretName: 'shop-tls',
      privateKey: { algorithm: 'ECDSA', size: 256 },
      issuerRef: { name: 'pebble', kind: 'Issuer', group: 'cert-manager.io' },
    });

    const custom = kc.makeApiClient(CustomObjectsApi);
    let status: { conditions?: Condition[] } | undefined;
    const deadline = Date.now() + ISSUE_TIMEOUT_MS;
    while (!status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) {
      if (Date.now() > deadline)
        throw new Error(`Certificate shop not Ready within ${ISSUE_TIMEOUT_MS / 1000} s: ${JSON.stringify(status)}`);
      await sleep(500);
      const certificate = (await custom.getNamespacedCustomObject({
        group: 'cert-manager.io',
        version: 'v1',
        namespace,
        plural: 'certificates',
        name: 'shop',
      })) as { status?: { conditions?: Condition[] } };
      status = certificate.status;
    }
    log(`DNS-01 issuance took ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const secret = (await core.readNamespacedSecret({ namespace, name: 'shop-tls' })).data ?? {};
    const chain = Buffer.from(secret['tls.crt']!, 'base64')
      .toString()
      .split(/(?<=-----END CERTIFICATE-----)\s*/)
      .filter((pem) => pem.includes('BEGIN CERTIFICATE'))
      .map((pem) => new X509Certificate(pem));
    const [leaf, intermediate] = chain;
    const root = new X509Certificate(await acme.pebble.issuingRootPem());
    expect(leaf!.subjectAltName).to.equal(`DNS:${dnsName}`);
    expect(leaf!.verify(intermediate!.publicKey), 'the leaf is signed by Pebble’s intermediate').to.equal(true);
    expect(intermediate!.verify(root.publicKey), 'the intermediate is signed by Pebble’s root').to.equal(true);
    expect(acme.pebble.ordersPlaced(), 'orders placed at Pebble').to.equal(1);
    expect(acme.pebble.ordersFinalized(), 'orders finalized at Pebble').to.equal(1);

    const orders = (await custom.listNamespacedCustomObject({
      group: 'acme.cert-manager.io',
      version: 'v1',
      namespace,
      plural: 'orders',
    })) as { items: { status?: { state?: string } }[] };
    expect(orders.items.map((o) => o.status?.state)).to.deep.equal(['valid']);
  });
});
