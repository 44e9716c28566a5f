/**
 * The preflight's view of a live cluster: GET requests (and, for `import` alone, server-side apply), each with a
 * timeout, lists paged, Secrets listed as metadata only (PartialObjectMetadataList: names, labels and
 * annotations cross the wire, never data; only `export` reads the Secrets the configuration references whole). Configuration is the kubeconfig kubectl would use ($KUBECONFIG or ~/.kube/config, or the
 * in-cluster ServiceAccount), with `--context` like kubectl's. @kubernetes/client-node is imported lazily: only
 * for its kubeconfig loading and authentication (client certificates, tokens, exec plugins).
 */
import type { Agent, OutgoingHttpHeaders } from 'node:http';
import type { RequestOptions } from 'node:https';
import { ClusterAccessError } from '../../kube/types.js';
import type { KubeObject } from '../audit/findings.js';

/** An item of a list response: the API server leaves out apiVersion and kind, which the list carries. */
interface ListItem {
  apiVersion?: string;
  kind?: string;
  metadata: KubeObject['metadata'];
  [field: string]: unknown;
}

export interface ApiOptions {
  context?: string;
  /** A kubeconfig file instead of the usual lookup (tests). */
  kubeconfigPath?: string;
  /** Upper bound of one request. Default 15 s. */
  requestTimeoutMs?: number;
  /** The role of docs/preflight-cluster-role.yaml a 403 points at (default the read-only role). */
  role?: string;
}

const PAGE = 500;
const MAX_PAGES = 400;
const METADATA_ONLY = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

export class ClusterApi {
  requestCount = 0;
  /**
   * One keep-alive agent per connection: a TLS handshake (and the client key's secure context) once per socket
   * instead of once per request, which dominated `import` of a few hundred objects. Idle sockets are unreferenced
   * by the agent, so they never hold the process open.
   */
  private agent: Agent | undefined;
  private constructor(
    readonly server: string,
    readonly contextName: string,
    private readonly base: RequestOptions & { protocol: string },
    private readonly timeoutMs: number,
    private readonly role: string,
  ) {}

  static async connect(options: ApiOptions = {}): Promise<ClusterApi> {
    const client = await import('@kubernetes/client-node');
    const kc = new client.KubeConfig();
    try {
      if (options.kubeconfigPath) kc.loadFromFile(options.kubeconfigPath);
      else kc.loadFromDefault();
    } catch (err) {
      throw new ClusterAccessError(
        `cannot load the Kubernetes configuration: ${(err as Error).message}`,
        'not-configured',
        { cause: err },
      );
    }
    if (options.context !== undefined) {
      if (!kc.getContextObject(options.context)) {
        const known = kc.getContexts().map((c) => c.name);
        throw new ClusterAccessError(
          `no context "${options.context}" in the Kubernetes configuration (contexts: ${known.join(', ') || 'none'})`,
          'not-configured',
        );
      }
      kc.setCurrentContext(options.context);
    }
    const cluster = kc.getCurrentCluster();
    if (!cluster?.server)
      throw new ClusterAccessError(
        'no Kubernetes configuration: set KUBECONFIG, create ~/.kube/config, or pass --context',
        'not-configured',
      );
    const url = new URL(cluster.server);
    const base: RequestOptions & { protocol: string } = {
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || (url.protocol === 'https:' ? 443 : 80),
      headers: {},
    };
    const pathPrefix = url.pathname.replace(/\/$/, '');
    try {
      await kc.applyToHTTPSOptions(base);
    } catch (err) {
      throw new ClusterAccessError(
        `cannot authenticate to ${cluster.server}: ${(err as Error).message}`,
        'not-configured',
        { cause: err },
      );
    }
    const api = new ClusterApi(
      cluster.server,
      kc.getCurrentContext(),
      { ...base, path: pathPrefix },
      options.requestTimeoutMs ?? 15_000,
      options.role ?? READ_ROLE,
    );
    return api;
  }

  /** GET a path; undefined on 404 (a resource type that is not served). */
  async get(path: string, what: string, accept = 'application/json', role = this.role): Promise<unknown> {
    const { status, body } = await this.send('GET', path, what, { accept });
    if (status === 404) return undefined;
    if (status >= 200 && status < 300) return parseJson(body, what);
    throw statusError(status, body, what, role);
  }

  /**
   * Server-side apply of one object (PATCH application/apply-patch+yaml) under `fieldManager`; the one write
   * the preflight makes, used by `import` alone. A conflict with another field manager and a rejection
   * (validation, admission) are answers about this object; authentication, RBAC and transport failures throw.
   */
  async apply(
    path: string,
    object: unknown,
    options: { fieldManager: string; dryRun: boolean; force?: boolean },
  ): Promise<ApplyAnswer> {
    const query = new URLSearchParams({ fieldManager: options.fieldManager });
    if (options.dryRun) query.set('dryRun', 'All');
    if (options.force) query.set('force', 'true');
    const what = `apply ${path}`;
    const { status, body } = await this.send('PATCH', `${path}?${query.toString()}`, what, {
      accept: 'application/json',
      contentType: 'application/apply-patch+yaml',
      // JSON is YAML: the apply body needs no YAML library.
      body: JSON.stringify(object),
    });
    if (status === 200 || status === 201) return { status, object: parseJson(body, what) as KubeObject };
    if (status === 401 || status === 403) throw statusError(status, body, what, this.role);
    return { status, message: statusMessage(body) };
  }

  private async send(
    method: 'GET' | 'PATCH',
    path: string,
    what: string,
    options: { accept: string; contentType?: string; body?: string },
  ): Promise<{ status: number; body: string }> {
    this.requestCount++;
    const http = this.base.protocol === 'https:' ? await import('node:https') : await import('node:http');
    this.agent ??= new http.Agent({ keepAlive: true, maxSockets: 8 });
    const prefix = (this.base.path as string | undefined) ?? '';
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          ...this.base,
          method,
          agent: this.agent,
          path: prefix + path,
          // Built as a header object at construction; the request type also admits a raw header array.
          headers: {
            ...(this.base.headers as OutgoingHttpHeaders | undefined),
            accept: options.accept,
            ...(options.contentType ? { 'content-type': options.contentType } : {}),
          },
          timeout: this.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (err) =>
            reject(new ClusterAccessError(`cannot ${what}: ${err.message}`, 'unreachable', { cause: err })),
          );
        },
      );
      req.on('timeout', () => {
        req.destroy();
        reject(
          new ClusterAccessError(
            `cannot ${what}: no answer from ${this.server} within ${this.timeoutMs} ms`,
            'timeout',
          ),
        );
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err instanceof ClusterAccessError) {
          reject(err);
          return;
        }
        reject(
          new ClusterAccessError(
            `cannot ${what}: the API server ${this.server} is unreachable (${err.code ?? err.message})`,
            'unreachable',
            { cause: err },
          ),
        );
      });
      req.end(options.body);
    });
  }

  /**
   * Every object of a list path (`/api/v1/secrets`, `/apis/cert-manager.io/v1/certificates`), page by page.
   * Returns undefined when the type is not served (CRD not installed).
   */
  async list(
    path: string,
    what: string,
    options: { metadataOnly?: boolean; labelSelector?: string } = {},
  ): Promise<KubeObject[] | undefined> {
    const items: KubeObject[] = [];
    let cont: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ limit: String(PAGE) });
      if (cont) query.set('continue', cont);
      if (options.labelSelector) query.set('labelSelector', options.labelSelector);
      const result = (await this.get(
        `${path}?${query.toString()}`,
        what,
        options.metadataOnly ? METADATA_ONLY : 'application/json',
      )) as { kind?: string; apiVersion?: string; items?: ListItem[]; metadata?: { continue?: string } } | undefined;
      if (!result) return undefined;
      // List items carry no apiVersion/kind; fill them from the list so cert-manager helpers can read them.
      const kind = result.kind?.replace(/List$/, '');
      for (const item of result.items ?? [])
        items.push({ ...item, apiVersion: item.apiVersion ?? result.apiVersion ?? '', kind: item.kind ?? kind ?? '' });
      cont = result.metadata?.continue;
      if (!cont) return items;
    }
    throw new ClusterAccessError(`cannot ${what}: more than ${MAX_PAGES * PAGE} objects`, 'other');
  }
}

/** What the API server answered to one apply: the object as stored (200 changed or unchanged, 201 created), or why not. */
export type ApplyAnswer = { status: 200 | 201; object: KubeObject } | { status: number; message: string };

function parseJson(body: string, what: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new ClusterAccessError(`cannot ${what}: the API server answered with invalid JSON`, 'other');
  }
}

/** The message of a Status body, else the start of the raw text. */
function statusMessage(body: string): string {
  try {
    return (JSON.parse(body) as { message?: string }).message ?? body.slice(0, 300);
  } catch {
    return body.slice(0, 300);
  }
}

/** The roles of docs/preflight-cluster-role.yaml a 403 points at. */
const READ_ROLE = 'the read-only role';
export const EXPORT_ROLE = 'the export role (velero-cm-preflight-export)';
export const IMPORT_ROLE = 'the import role (velero-cm-preflight-import)';

/** The error for a failed request, naming what was attempted; a 403 points at the role the command needs. */
function statusError(status: number, body: string, what: string, role: string): ClusterAccessError {
  const detail = statusMessage(body);
  if (status === 401)
    return new ClusterAccessError(`cannot ${what}: not authenticated (HTTP 401: ${detail})`, 'forbidden');
  if (status === 403)
    return new ClusterAccessError(
      `cannot ${what}: forbidden by RBAC (HTTP 403: ${detail}); see docs/preflight-cluster-role.yaml for ${role}`,
      'forbidden',
    );
  if (status === 408 || status === 504)
    return new ClusterAccessError(`cannot ${what}: the API server timed out (HTTP ${status})`, 'timeout');
  return new ClusterAccessError(`cannot ${what}: HTTP ${status}: ${detail}`, 'other');
}
