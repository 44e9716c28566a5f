/**
 * The ACME path on loopback: bind9's `named` (a dynamic zone with a TSIG key) and Pebble resolving
 * through it, plus the cert-manager objects that use them (an ACME Issuer solving DNS-01 through the
 * RFC2136 provider, and its TSIG Secret). The CA is external to every cluster, like Let's Encrypt: one
 * AcmeServer may serve several test environments (a backup's source and its restore target).
 *
 * cert-manager's controller must be started with `acmeControllerOptions(server)` so its DNS-01 self check
 * asks this `named` only.
 */
import { join } from 'node:path';
import type { Log } from './binaries.js';
import { startNamed, type RunningNamed } from './bind9.js';
import { startPebble, type RunningPebble } from './pebble.js';

export interface AcmeServer {
  dns: RunningNamed;
  pebble: RunningPebble;
  stop(): Promise<void>;
}

/** Starts `named` then Pebble in `dir` (dns/ and pebble/ below it). */
export async function startAcmeServer(dir: string, log: Log = () => undefined): Promise<AcmeServer> {
  const dns = await startNamed(join(dir, 'dns'), { log });
  let pebble: RunningPebble;
  try {
    pebble = await startPebble(join(dir, 'pebble'), dns.address, log);
  } catch (err) {
    await dns.stop();
    throw err;
  }
  return {
    dns,
    pebble,
    async stop() {
      await pebble.stop();
      await dns.stop();
    },
  };
}

/**
 * Controller flags for DNS-01 against this server: self checks ask only the test `named`, every few
 * seconds instead of cert-manager's default 10 s.
 */
export function acmeControllerOptions(server: AcmeServer): { dns01Nameservers: string[]; extraArgs: string[] } {
  return { dns01Nameservers: [server.dns.address], extraArgs: ['--dns01-check-retry-period=2s'] };
}

/** The Secret holding the TSIG key cert-manager's RFC2136 provider signs its updates with. */
const TSIG_SECRET = 'acme-dns-tsig';
const TSIG_SECRET_KEY = 'tsig-secret';

/**
 * An ACME Issuer `name` in `namespace` for this server, and the TSIG Secret it needs, in creation order.
 * The account key Secret (`<name>-account`) is the controller's to create.
 *
 * `waitInsteadOfSelfCheck` (the solver's field of that name, in cert-manager v1.21.2's CRDs): skip the controller's
 * DNS-01 self check, which after the record is found always sleeps a fixed 60 s (the record's TTL,
 * hard-coded in cert-manager's dns solver Check), and wait this long instead. For suites that measure
 * something else than the self check and pay for every minute; the self check itself is proved by
 * acme.test.ts.
 */
export function acmeIssuerObjects(
  server: AcmeServer,
  namespace: string,
  name: string,
  options: { waitInsteadOfSelfCheck?: string } = {},
): Record<string, unknown>[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: TSIG_SECRET, namespace },
      type: 'Opaque',
      stringData: { [TSIG_SECRET_KEY]: server.dns.tsigSecret },
    },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: { name, namespace },
      spec: {
        acme: {
          server: server.pebble.directoryUrl,
          caBundle: Buffer.from(server.pebble.tlsCaPem).toString('base64'),
          privateKeySecretRef: { name: `${name}-account` },
          solvers: [
            {
              dns01: {
                rfc2136: {
                  nameserver: server.dns.address,
                  tsigKeyName: server.dns.tsigKeyName,
                  tsigAlgorithm: server.dns.tsigAlgorithm,
                  tsigSecretSecretRef: { name: TSIG_SECRET, key: TSIG_SECRET_KEY },
                },
              },
              ...(options.waitInsteadOfSelfCheck ? { waitInsteadOfSelfCheck: options.waitInsteadOfSelfCheck } : {}),
            },
          ],
        },
      },
    },
  ];
}
