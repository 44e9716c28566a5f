/**
 * Installs the upstream manifests into an environment: namespaces, then every CRD (waiting until each is
 * Established), then cert-manager's install objects. Idempotent: objects that already exist are kept.
 */
import { request, type RequestOptions } from 'node:https';
import { ApiException, KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import type { Log } from './binaries.js';
import { sleep } from './environment.js';
import { CERT_MANAGER_NAMESPACE, VELERO_NAMESPACE, type Manifest, type UpstreamManifests } from './manifests.js';

/**
 * How cert-manager's webhook configurations are installed. No webhook Pod can run here, and both
 * configurations say `failurePolicy: Fail`, so installed as rendered they would reject every write of a
 * cert-manager object ("no endpoints available for service cert-manager-webhook").
 *   - 'opt-in' (default): installed as rendered plus an objectSelector, so the webhook is called only for
 *     objects labelled WEBHOOK_OPT_IN_LABEL=enforce. Everything else the plugin reads (name, rules,
 *     failurePolicy, clientConfig.service, annotations) stays real, and a test that wants the real
 *     admission failure labels its objects.
 *   - 'enforce': installed exactly as rendered (for a cluster that must behave like a real one).
 *   - 'absent': not installed.
 */
export type WebhookMode = 'opt-in' | 'enforce' | 'absent';

export const WEBHOOK_OPT_IN_LABEL = 'testenv.velero-plugin-for-cert-manager.dev/admission';

const CRD_ESTABLISHED_TIMEOUT_MS = 60_000;

export function kubeConfigFromFile(path: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  return kc;
}

export async function installUpstream(
  kubeconfig: string,
  manifests: UpstreamManifests,
  webhook: WebhookMode,
  log: Log,
): Promise<void> {
  const client = KubernetesObjectApi.makeApiClient(kubeConfigFromFile(kubeconfig));
  const all = [...manifests.certManager, ...manifests.velero, ...manifests.gatewayApi];
  const crds = all.filter((m) => m.kind === 'CustomResourceDefinition');
  const rest = manifests.certManager
    .filter((m) => m.kind !== 'CustomResourceDefinition')
    .flatMap((m) => adjustWebhookConfiguration(m, webhook));

  for (const name of [CERT_MANAGER_NAMESPACE, VELERO_NAMESPACE]) {
    await createIfAbsent(client, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  // CRDs go as raw JSON: client-node's typed serializer drops fields of nested JSONSchemaProps such as
  // x-kubernetes-preserve-unknown-fields, which the API server then rejects.
  const kc = kubeConfigFromFile(kubeconfig);
  for (const crd of crds) await postRawIfAbsent(kc, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
  await waitForCrdsEstablished(
    client,
    crds.map((c) => c.metadata.name),
  );
  for (const object of rest) await createIfAbsent(client, object);
  log(`installed ${crds.length} CRDs and ${rest.length} cert-manager objects (webhook configurations: ${webhook})`);
}

/** Creates the object; an existing one is left as it is. */
async function createIfAbsent(client: KubernetesObjectApi, object: KubernetesObject): Promise<void> {
  try {
    await client.create(object);
  } catch (err) {
    if (err instanceof ApiException && err.code === 409) return;
    throw new Error(
      `creating ${object.kind} ${object.metadata?.namespace ?? ''}/${object.metadata?.name}: ${describeApiError(err)}`,
      { cause: err },
    );
  }
}

/** POSTs `object` as-is to `path`; 409 (already exists) is fine. */
async function postRawIfAbsent(kc: KubeConfig, path: string, object: Manifest): Promise<void> {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error('kubeconfig has no current cluster');
  const options: RequestOptions = { method: 'POST', headers: { 'content-type': 'application/json' }, timeout: 30_000 };
  await kc.applyToHTTPSOptions(options);
  const body = JSON.stringify(object);
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(new URL(path, server), options, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
  if (status === 409 || (status >= 200 && status < 300)) return;
  throw new Error(`creating ${object.kind} ${object.metadata.name}: HTTP ${status}: ${text.slice(0, 500)}`);
}

export function describeApiError(err: unknown): string {
  if (err instanceof ApiException) {
    const body = err.body as { message?: string } | string | undefined;
    const message = typeof body === 'string' ? body : body?.message;
    return `HTTP ${err.code}: ${message ?? err.message}`;
  }
  return err instanceof Error ? err.message : String(err);
}

function adjustWebhookConfiguration(object: Manifest, mode: WebhookMode): Manifest[] {
  const isWebhookConfiguration =
    object.kind === 'ValidatingWebhookConfiguration' || object.kind === 'MutatingWebhookConfiguration';
  if (!isWebhookConfiguration || mode === 'enforce') return [object];
  if (mode === 'absent') return [];
  const copy = structuredClone(object) as Manifest & { webhooks?: Record<string, unknown>[] };
  for (const webhook of copy.webhooks ?? []) {
    webhook.objectSelector = { matchLabels: { [WEBHOOK_OPT_IN_LABEL]: 'enforce' } };
  }
  return [copy];
}

type CrdStatus = KubernetesObject & { status?: { conditions?: { type: string; status: string }[] } };

async function waitForCrdsEstablished(client: KubernetesObjectApi, names: string[]): Promise<void> {
  const pending = new Set(names);
  const deadline = Date.now() + CRD_ESTABLISHED_TIMEOUT_MS;
  while (pending.size > 0) {
    for (const name of [...pending]) {
      const crd = await client.read<CrdStatus>({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name },
      });
      if (crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) pending.delete(name);
    }
    if (pending.size === 0) return;
    if (Date.now() > deadline)
      throw new Error(`CRDs not Established after ${CRD_ESTABLISHED_TIMEOUT_MS / 1000} s: ${[...pending].join(', ')}`);
    await sleep(100);
  }
}
