/**
 * Test helper: a loopback HTTP server answering the GET list requests cluster mode and the doctor make, from
 * an in-memory object set, recording every request. Its behaviour is deliberately thin (lists, 404, 403, a
 * hanging path); the real API server is exercised in test/integration/preflight.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface FakeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
}

export interface FakeApiServer {
  kubeconfig: string;
  requests: { method: string; path: string; accept: string }[];
  close(): Promise<void>;
}

/** Group-resource path of the list URL: /api/v1/secrets → secrets, /apis/cert-manager.io/v1/certificates → certificates.cert-manager.io. */
function resourceOf(path: string): { resource: string; namespace?: string } | undefined {
  const m = /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)(?:\/namespaces\/([^/]+))?\/([^/]+)$/.exec(path);
  if (!m) return undefined;
  const [, group, namespace, plural] = m;
  return { resource: group ? `${plural}.${group}` : plural!, ...(namespace ? { namespace } : {}) };
}

export async function startFakeApiServer(
  objects: Record<string, FakeObject[]>,
  behaviour: { forbidden?: string[]; hang?: string[] } = {},
): Promise<FakeApiServer> {
  const requests: FakeApiServer['requests'] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push({ method: req.method ?? '', path: url.pathname, accept: req.headers.accept ?? '' });
    const target = resourceOf(url.pathname);
    if (!target) return void res.writeHead(404).end('{}');
    if (behaviour.hang?.includes(target.resource)) return; // never answers
    if (behaviour.forbidden?.includes(target.resource)) {
      res.writeHead(403, { 'content-type': 'application/json' });
      return void res.end(
        JSON.stringify({
          kind: 'Status',
          message: `${target.resource} is forbidden: User "viewer" cannot list resource`,
        }),
      );
    }
    const list = objects[target.resource];
    if (!list) return void res.writeHead(404).end('{}');
    const items = list.filter((o) => !target.namespace || o.metadata.namespace === target.namespace);
    const selector = url.searchParams.get('labelSelector');
    const selected = selector
      ? items.filter((o) => selector in ((o.metadata.labels as Record<string, string> | undefined) ?? {}))
      : items;
    const metadataOnly = String(req.headers.accept).includes('as=PartialObjectMetadataList');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        metadataOnly
          ? {
              kind: 'PartialObjectMetadataList',
              apiVersion: 'meta.k8s.io/v1',
              metadata: {},
              items: selected.map((o) => ({
                kind: 'PartialObjectMetadata',
                apiVersion: 'meta.k8s.io/v1',
                metadata: o.metadata,
              })),
            }
          : { kind: `${selected[0]?.kind ?? 'Object'}List`, apiVersion: 'v1', metadata: {}, items: selected },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const dir = mkdtempSync(join(tmpdir(), 'vcm-fake-api-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: fake\n  cluster:\n    server: http://127.0.0.1:${port}\n    insecure-skip-tls-verify: true`,
      'users:',
      '- name: viewer\n  user:\n    token: not-a-secret',
      'contexts:',
      '- name: fake\n  context:\n    cluster: fake\n    user: viewer',
      '- name: second\n  context:\n    cluster: fake\n    user: viewer',
      'current-context: fake',
      '',
    ].join('\n'),
  );
  return {
    kubeconfig,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
