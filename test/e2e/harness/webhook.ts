/**
 * A stand-in for cert-manager's webhook, for the "webhook live but not ready" scenario: an HTTPS
 * admission server on 127.0.0.1 that allows every request, a CA the webhook configurations are patched
 * to trust (no cainjector runs here), and the EndpointSlice + Endpoints that make the webhook Service
 * ready (no endpoint controller runs here either). The API server reaches it through endpoint routing
 * (the test environment runs with --enable-aggregator-routing), with the Service's DNS name as TLS name.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { join } from 'node:path';
import { apiRequest, type ClusterEndpoint } from './kube.js';
import { mustRun } from './proc.js';

const WEBHOOK_SERVICE = { namespace: 'cert-manager', name: 'cert-manager-webhook', portName: 'https' };

export interface FakeWebhook {
  port: number;
  caBundle: string;
  /** Admission requests answered so far. */
  requests: number;
  stop(): Promise<void>;
}

async function makeCertificates(dir: string): Promise<{ ca: string; cert: string; key: string }> {
  const dns = `${WEBHOOK_SERVICE.name}.${WEBHOOK_SERVICE.namespace}.svc`;
  const run = (args: string[]) => mustRun('openssl', args, { cwd: dir, timeoutMs: 60_000 });
  await run([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '1',
    '-subj',
    '/CN=e2e-webhook-ca',
  ]);
  await run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tls.key', '-out', 'tls.csr', '-subj', `/CN=${dns}`]);
  const ext = join(dir, 'san.ext');
  await mustRun('sh', ['-c', `printf 'subjectAltName=DNS:${dns},DNS:${dns}.cluster.local,IP:127.0.0.1\\n' > ${ext}`]);
  await run([
    'x509',
    '-req',
    '-in',
    'tls.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'tls.crt',
    '-days',
    '1',
    '-extfile',
    ext,
  ]);
  return {
    ca: readFileSync(join(dir, 'ca.crt'), 'utf8'),
    cert: readFileSync(join(dir, 'tls.crt'), 'utf8'),
    key: readFileSync(join(dir, 'tls.key'), 'utf8'),
  };
}

export async function startFakeWebhook(dir: string): Promise<FakeWebhook> {
  const pems = await makeCertificates(dir);
  const state = { requests: 0 };
  const server: Server = createServer({ cert: pems.cert, key: pems.key }, (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      let uid = '';
      try {
        uid = (JSON.parse(body) as { request?: { uid?: string } }).request?.uid ?? '';
      } catch {
        // not an AdmissionReview: answer anyway
      }
      state.requests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          apiVersion: 'admission.k8s.io/v1',
          kind: 'AdmissionReview',
          response: { uid, allowed: true },
        }),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    caBundle: Buffer.from(pems.ca).toString('base64'),
    get requests() {
      return state.requests;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Makes cert-manager's webhook "ready" the way a started webhook Pod would, within what a bare API server
 * allows: the webhook Service gets a ready EndpointSlice and Endpoints (what the plugin waits for), and
 * the webhook configurations are pointed at the stand-in server on 127.0.0.1 with its CA (what the
 * API server then calls). The endpoint address is TEST-NET-1 (192.0.2.10): the API server refuses
 * loopback addresses in endpoints, and with the configurations on a URL it never dials that address.
 */
export async function makeWebhookReady(cluster: ClusterEndpoint, webhook: FakeWebhook): Promise<void> {
  const { namespace, name, portName } = WEBHOOK_SERVICE;
  const address = '192.0.2.10';
  const slice = await apiRequest(cluster, 'POST', `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`, {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${name}-e2e`, namespace, labels: { 'kubernetes.io/service-name': name } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [address], conditions: { ready: true } }],
    ports: [{ name: portName, port: 10250, protocol: 'TCP' }],
  });
  if (slice.status !== 201)
    throw new Error(
      `creating the webhook EndpointSlice: HTTP ${slice.status} ${JSON.stringify(slice.body).slice(0, 300)}`,
    );
  const endpoints = await apiRequest(cluster, 'POST', `/api/v1/namespaces/${namespace}/endpoints`, {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name, namespace },
    subsets: [{ addresses: [{ ip: address }], ports: [{ name: portName, port: 10250, protocol: 'TCP' }] }],
  });
  if (endpoints.status !== 201 && endpoints.status !== 409)
    throw new Error(`creating the webhook Endpoints: HTTP ${endpoints.status}`);
  for (const kind of ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations']) {
    const path = `/apis/admissionregistration.k8s.io/v1/${kind}/${name}`;
    const current = await apiRequest(cluster, 'GET', path);
    if (current.status !== 200) throw new Error(`${kind}/${name} not found (HTTP ${current.status})`);
    const object = current.body as { webhooks?: { clientConfig?: Record<string, unknown> }[] };
    const route = kind.startsWith('validating') ? 'validate' : 'mutate';
    for (const hook of object.webhooks ?? [])
      hook.clientConfig = { url: `https://127.0.0.1:${webhook.port}/${route}`, caBundle: webhook.caBundle };
    const updated = await apiRequest(cluster, 'PUT', path, object);
    if (updated.status !== 200)
      throw new Error(`updating ${kind}/${name}: HTTP ${updated.status} ${JSON.stringify(updated.body).slice(0, 300)}`);
  }
}
