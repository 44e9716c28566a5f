/**
 * Pebble, Let's Encrypt's ACME test server, as the CA of the ACME path: built from the pinned module
 * (hack/testenv/pebble, cached like the other binaries), on loopback, validating DNS-01 challenges
 * against the test DNS server. Its log is the record of what happened at the CA: every order placed and
 * every order finalized (a certificate issued) is one line, which is how tests count ACME orders.
 */
import { readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { ensureBinary, type Log } from './binaries.js';
import { freePorts, processGone, sleep, spawnDetached, stopProcessGroup, tail } from './environment.js';
import { Pki } from './pki.js';
import { PEBBLE } from './versions.js';

const START_TIMEOUT_MS = 30_000;

/** Pebble's log line for each newOrder it accepts (wfe: "Added order %q to the db"). */
const ORDER_PLACED = /Added order "[^"]+" to the db/g;
/** Its line for each order it finalizes, i.e. signs a certificate for. */
const ORDER_FINALIZED = /Order \S+ is fully authorized\. Processing finalization/g;

export interface RunningPebble {
  pid: number;
  /** The ACME directory URL (an Issuer's spec.acme.server). */
  directoryUrl: string;
  /** The management interface (roots, intermediates), same TLS certificate. */
  managementUrl: string;
  /** PEM of the CA that signed Pebble's TLS certificate: what the Issuer's spec.acme.caBundle holds. */
  tlsCaPem: string;
  logFile: string;
  /** Orders placed at Pebble so far. */
  ordersPlaced(): number;
  /** Orders finalized (certificates issued) so far. */
  ordersFinalized(): number;
  /** PEM of Pebble's current issuing root (it makes a new one at every start). */
  issuingRootPem(): Promise<string>;
  stop(): Promise<void>;
}

function count(file: string, pattern: RegExp): number {
  return existsSync(file) ? (readFileSync(file, 'utf8').match(pattern)?.length ?? 0) : 0;
}

/** GET over TLS trusting only `caPem`. */
function httpsGet(url: string, caPem: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    // Pebble answers a request without a User-Agent with 400 (RFC 8555 requires one).
    const headers = { 'user-agent': 'velero-plugin-for-cert-manager-testenv' };
    const req = request(url, { ca: caPem, timeout: 10_000, headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Starts Pebble in `dir` (its TLS key pair, config and log there), resolving through `dnsServer`
 * (host:port). Waits until its ACME directory answers.
 */
export async function startPebble(dir: string, dnsServer: string, log: Log = () => undefined): Promise<RunningPebble> {
  const binary = await ensureBinary(PEBBLE, log);
  // The environment's PKI makes a CA and a serving certificate for 127.0.0.1/localhost: exactly what
  // Pebble's listeners need (the service-account keys it also makes go unused).
  mkdirSync(join(dir, 'tls'), { recursive: true });
  const pki = new Pki(join(dir, 'tls'));
  await pki.init();
  const [acmePort, managementPort] = await freePorts(2);
  const config = {
    pebble: {
      listenAddress: `127.0.0.1:${acmePort}`,
      managementListenAddress: `127.0.0.1:${managementPort}`,
      certificate: pki.servingCert,
      privateKey: pki.servingKey,
      // Ports the VA would dial for HTTP-01 and TLS-ALPN-01; only DNS-01 is used here.
      httpPort: 5002,
      tlsPort: 5001,
      ocspResponderURL: '',
      externalAccountBindingRequired: false,
    },
  };
  const configFile = join(dir, 'pebble-config.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const logFile = join(dir, 'pebble.log');
  const env = {
    ...process.env,
    // No random 0-15 s sleep before each validation, and no deliberately rejected nonces: the test
    // measures the controller, not its retry back-off.
    PEBBLE_VA_NOSLEEP: '1',
    PEBBLE_WFE_NONCEREJECT: '0',
    // Reuse a still-valid authorization for the same account and name every time, as Let's Encrypt does
    // (Pebble's default is a coin toss, which would make a re-placed order's duration random).
    PEBBLE_AUTHZREUSE: '100',
  };
  const pid = spawnDetached(binary, ['-config', configFile, '-dnsserver', dnsServer], logFile, env);
  const tlsCaPem = readFileSync(pki.caCert, 'utf8');
  const directoryUrl = `https://127.0.0.1:${acmePort}/dir`;
  const managementUrl = `https://127.0.0.1:${managementPort}`;
  const pebble: RunningPebble = {
    pid,
    directoryUrl,
    managementUrl,
    tlsCaPem,
    logFile,
    ordersPlaced: () => count(logFile, ORDER_PLACED),
    ordersFinalized: () => count(logFile, ORDER_FINALIZED),
    async issuingRootPem() {
      const root = await httpsGet(`${managementUrl}/roots/0`, tlsCaPem);
      if (root.status !== 200) throw new Error(`Pebble ${managementUrl}/roots/0: HTTP ${root.status}`);
      return root.body;
    },
    stop: () => stopProcessGroup(pid),
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (processGone(pid)) throw new Error(`Pebble exited during start-up; its log (${logFile}):\n${tail(logFile)}`);
    try {
      if ((await httpsGet(directoryUrl, tlsCaPem)).status === 200) return pebble;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await pebble.stop();
      throw new Error(`Pebble's directory ${directoryUrl} did not answer within ${START_TIMEOUT_MS / 1000} s`);
    }
    await sleep(200);
  }
}
