/**
 * Makes cert-manager's webhook live in a bare test API server, the way a started webhook Pod would be:
 * the webhook Service's endpoints become ready and the chart's webhook configurations call the webhook
 * server (cert-manager's real webhook, test/e2e/harness/chartWebhook.ts) on 127.0.0.1. The API server
 * reaches it by URL with its CA as caBundle (no cainjector runs here).
 */
import { apiRequest, type ClusterEndpoint } from './kube.js';

const WEBHOOK_SERVICE = { namespace: 'cert-manager', name: 'cert-manager-webhook', portName: 'https' };

/** Where a webhook server listens on loopback and the CA its serving certificate chains to. */
interface LoopbackWebhook {
  port: number;
  /** base64 PEM. */
  caBundle: string;
}

/**
 * Makes cert-manager's webhook "ready" the way a started webhook Pod would, within what a bare API server
 * allows: the webhook Service gets a ready EndpointSlice and Endpoints (what the plugin waits for), and
 * the webhook configurations are pointed at the webhook server on 127.0.0.1 with its CA (what the
 * API server then calls). The endpoint address is TEST-NET-1 (192.0.2.10): the API server refuses
 * loopback addresses in endpoints, and with the configurations on a URL it never dials that address.
 */
export async function makeWebhookReady(cluster: ClusterEndpoint, webhook: LoopbackWebhook): Promise<void> {
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
