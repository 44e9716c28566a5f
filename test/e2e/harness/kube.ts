/**
 * Minimal REST access to a test API server from its kubeconfig (token or client certificate, as the
 * test environment writes them). The suite needs only create/get/patch and discovery; going straight to
 * REST keeps the status codes (201/409/500 from a webhook) visible to the assertions.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import yaml from 'js-yaml';

export interface ClusterEndpoint {
  server: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  token?: string;
  /** Skips server certificate checks (only when the kubeconfig says so). */
  insecure?: boolean;
}

interface KubeconfigFile {
  clusters?: { name: string; cluster: Record<string, unknown> }[];
  users?: { name: string; user: Record<string, unknown> }[];
  contexts?: { name: string; context: { cluster: string; user: string } }[];
  'current-context'?: string;
}

export function endpointFromKubeconfig(path: string): ClusterEndpoint {
  const config = yaml.load(readFileSync(path, 'utf8')) as KubeconfigFile;
  const context = config.contexts?.find((c) => c.name === config['current-context']) ?? config.contexts?.[0];
  const cluster = config.clusters?.find((c) => c.name === context?.context.cluster)?.cluster;
  const user = config.users?.find((u) => u.name === context?.context.user)?.user ?? {};
  if (!cluster || typeof cluster.server !== 'string')
    throw new Error(`${path}: no cluster server in the current context`);
  const data = (value: unknown, file: unknown): Buffer | undefined =>
    typeof value === 'string'
      ? Buffer.from(value, 'base64')
      : typeof file === 'string'
        ? readFileSync(file)
        : undefined;
  return {
    server: cluster.server,
    ca: data(cluster['certificate-authority-data'], cluster['certificate-authority']),
    cert: data(user['client-certificate-data'], user['client-certificate']),
    key: data(user['client-key-data'], user['client-key']),
    token: typeof user.token === 'string' ? user.token : undefined,
    insecure: cluster['insecure-skip-tls-verify'] === true,
  };
}

export interface ApiResponse {
  status: number;
  body: unknown;
}

/** One request to the API server; resolves with status and parsed JSON (or text) body. Times out after 30 s. */
export function apiRequest(
  endpoint: ClusterEndpoint,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = request(
      `${endpoint.server}${path}`,
      {
        method,
        ca: endpoint.ca,
        cert: endpoint.cert,
        key: endpoint.key,
        rejectUnauthorized: !endpoint.insecure,
        headers: {
          accept: 'application/json',
          ...(endpoint.token ? { authorization: `Bearer ${endpoint.token}` } : {}),
          ...(payload === undefined
            ? {}
            : { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) }),
        },
        timeout: 30_000,
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON (e.g. /readyz): keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timeout`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** A bound token for a ServiceAccount from the TokenRequest API, as the kubelet requests one for a Pod. */
export async function serviceAccountToken(
  endpoint: ClusterEndpoint,
  namespace: string,
  name: string,
  expirationSeconds = 3600,
): Promise<string> {
  const response = await apiRequest(endpoint, 'POST', `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: { expirationSeconds },
  });
  const token = (response.body as { status?: { token?: string } }).status?.token;
  if (response.status !== 201 || !token)
    throw new Error(`TokenRequest for ServiceAccount ${namespace}/${name}: HTTP ${response.status}`);
  return token;
}

/**
 * A kubeconfig for a ServiceAccount, with a bound token from the TokenRequest API (as the kubelet mounts
 * one into a Pod): whoever uses it gets exactly the RBAC that ServiceAccount has in the cluster.
 */
export async function serviceAccountKubeconfig(
  endpoint: ClusterEndpoint,
  namespace: string,
  name: string,
  file: string,
): Promise<string> {
  const token = await serviceAccountToken(endpoint, namespace, name);
  const cluster: Record<string, unknown> = { server: endpoint.server };
  if (endpoint.ca) cluster['certificate-authority-data'] = endpoint.ca.toString('base64');
  const user = `system:serviceaccount:${namespace}:${name}`;
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'cluster', cluster }],
    users: [{ name: user, user: { token } }],
    contexts: [{ name: 'sa', context: { cluster: 'cluster', user } }],
    'current-context': 'sa',
  };
  writeFileSync(file, JSON.stringify(kubeconfig, null, 2), { mode: 0o600 });
  return file;
}
