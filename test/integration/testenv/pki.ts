/**
 * Certificates and keys for one environment, made with openssl (ECDSA P-256, fast to generate): one CA
 * that signs the API server's serving certificate and every client certificate, and the service-account
 * signing key pair.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './binaries.js';

export interface ClientCredentials {
  certFile: string;
  keyFile: string;
}

const OPENSSL_TIMEOUT_MS = 30_000;
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export class Pki {
  readonly caCert: string;
  readonly caKey: string;

  constructor(readonly dir: string) {
    this.caCert = join(dir, 'ca.crt');
    this.caKey = join(dir, 'ca.key');
  }

  get serviceAccountKey(): string {
    return join(this.dir, 'sa.key');
  }
  get serviceAccountPublicKey(): string {
    return join(this.dir, 'sa.pub');
  }
  get servingCert(): string {
    return join(this.dir, 'apiserver.crt');
  }
  get servingKey(): string {
    return join(this.dir, 'apiserver.key');
  }

  /** Creates the CA, the serving certificate and the service-account keys (unless they exist). */
  async init(): Promise<void> {
    if (!existsSync(this.caCert)) {
      await openssl([
        'req',
        '-x509',
        '-new',
        ...EC_KEY,
        '-keyout',
        this.caKey,
        '-out',
        this.caCert,
        '-days',
        '3650',
        '-subj',
        '/CN=velero-plugin-for-cert-manager-testenv-ca',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
      ]);
    }
    if (!existsSync(this.servingCert)) {
      await this.sign('apiserver', '/CN=kube-apiserver', 'serverAuth', [
        'DNS:localhost',
        'DNS:kubernetes',
        'DNS:kubernetes.default',
        'DNS:kubernetes.default.svc',
        'DNS:kubernetes.default.svc.cluster.local',
        'IP:127.0.0.1',
        'IP:10.0.0.1',
      ]);
    }
    if (!existsSync(this.serviceAccountKey)) {
      await openssl([
        'genpkey',
        '-algorithm',
        'EC',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-out',
        this.serviceAccountKey,
      ]);
      await openssl(['pkey', '-in', this.serviceAccountKey, '-pubout', '-out', this.serviceAccountPublicKey]);
    }
  }

  /**
   * A client certificate for user `user` in `groups` (the API server maps CN to the user name and O to
   * groups). `system:masters` makes an administrator; a user in no group is denied by RBAC.
   */
  async clientCertificate(fileStem: string, user: string, groups: string[]): Promise<ClientCredentials> {
    const subject = [...groups.map((g) => `/O=${escapeSubject(g)}`), `/CN=${escapeSubject(user)}`].join('');
    return this.sign(fileStem, subject, 'clientAuth', []);
  }

  /**
   * A serving certificate signed by the environment's CA (which the API server already knows), for a
   * server the API server calls, e.g. cert-manager's webhook; `altNames` in openssl form (DNS:..., IP:...).
   */
  async servingCertificate(fileStem: string, commonName: string, altNames: string[]): Promise<ClientCredentials> {
    return this.sign(fileStem, `/CN=${escapeSubject(commonName)}`, 'serverAuth', altNames);
  }

  private async sign(fileStem: string, subject: string, usage: string, altNames: string[]): Promise<ClientCredentials> {
    const certFile = join(this.dir, `${fileStem}.crt`);
    const keyFile = join(this.dir, `${fileStem}.key`);
    await openssl([
      'req',
      '-x509',
      '-new',
      ...EC_KEY,
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '3650',
      '-subj',
      subject,
      '-CA',
      this.caCert,
      '-CAkey',
      this.caKey,
      '-addext',
      'basicConstraints=critical,CA:FALSE',
      '-addext',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      '-addext',
      `extendedKeyUsage=${usage}`,
      ...(altNames.length > 0 ? ['-addext', `subjectAltName=${altNames.join(',')}`] : []),
    ]);
    return { certFile, keyFile };
  }
}

function escapeSubject(value: string): string {
  return value.replace(/([/,+=<>#;\\"])/g, '\\$1');
}

async function openssl(args: string[]): Promise<void> {
  await runCommand('openssl', args, { timeoutMs: OPENSSL_TIMEOUT_MS });
}

/** A kubeconfig that embeds the CA and the client credentials, so it can be copied anywhere. */
export function writeKubeconfig(
  file: string,
  server: string,
  caCertFile: string,
  user: string,
  credentials: ClientCredentials,
): void {
  const b64 = (path: string) => readFileSync(path).toString('base64');
  const context = 'testenv';
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: context, cluster: { server, 'certificate-authority-data': b64(caCertFile) } }],
    users: [
      {
        name: user,
        user: { 'client-certificate-data': b64(credentials.certFile), 'client-key-data': b64(credentials.keyFile) },
      },
    ],
    contexts: [{ name: context, context: { cluster: context, user } }],
    'current-context': context,
  };
  // JSON is valid YAML, and every kubeconfig reader accepts it.
  writeFileSync(file, JSON.stringify(kubeconfig, null, 2), { mode: 0o600 });
}
