/**
 * The ACME part of the outcome scenario's live workload: an ACME Issuer whose CA is the World's one
 * Pebble (external to every cluster, like Let's Encrypt; DNS-01 through cert-manager's RFC2136 provider
 * against the World's bind9 `named`), and one Certificate from it. Pebble's log is the CA's own record,
 * so the orders a restore made cert-manager place are counted there, not in the cluster.
 */
import { acmeIssuerObjects, type AcmeServer } from '../../integration/testenv/acme.js';
import { createObject } from './fixtures.js';
import type { ClusterEndpoint } from './kube.js';

export { acmeControllerOptions, startAcmeServer, type AcmeServer } from '../../integration/testenv/acme.js';

/** The ACME Certificate of the live workload. */
export const ACME_CERTIFICATE = 'shop-acme';
const ACME_ISSUER = 'pebble';

/** Creates the TSIG Secret, the ACME Issuer and the ACME Certificate in `namespace`. */
export async function loadAcmeWorkload(cluster: ClusterEndpoint, acme: AcmeServer, namespace: string): Promise<void> {
  const objects = [
    // The source's one DNS-01 issuance would otherwise spend a fixed 60 s in cert-manager's self check
    // (acme.test.ts covers that path); what is measured here is what happens after the restore.
    ...acmeIssuerObjects(acme, namespace, ACME_ISSUER, { waitInsteadOfSelfCheck: '2s' }),
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: ACME_CERTIFICATE, namespace },
      spec: {
        dnsNames: [`shop.${acme.dns.zone}`],
        secretName: `${ACME_CERTIFICATE}-tls`,
        privateKey: { algorithm: 'ECDSA', size: 256 },
        issuerRef: { name: ACME_ISSUER, kind: 'Issuer', group: 'cert-manager.io' },
      },
    },
  ];
  for (const object of objects) await createObject(cluster, object);
}
