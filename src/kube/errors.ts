/** Turning whatever the Kubernetes client throws into a ClusterAccessError that says what failed and why. */
import { ClusterAccessError } from './types.js';

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);

interface ErrorLike {
  code?: unknown;
  errno?: unknown;
  body?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The HTTP status of a client-node ApiException, if `err` is one. */
export function httpStatusOf(err: unknown): number | undefined {
  const e = err as ErrorLike | undefined;
  return e !== undefined && typeof e.code === 'number' && 'body' in e ? e.code : undefined;
}

function systemCode(err: unknown): string | undefined {
  for (let e = err as ErrorLike | undefined, depth = 0; e && depth < 5; e = e.cause as ErrorLike | undefined, depth++) {
    if (typeof e.code === 'string') return e.code;
    if (typeof e.errno === 'string') return e.errno;
  }
  return undefined;
}

function statusMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    try {
      return (JSON.parse(body) as { message?: string }).message ?? body.slice(0, 300);
    } catch {
      return body.slice(0, 300);
    }
  }
  return (body as { message?: string } | undefined)?.message;
}

/** `what` is the attempted request, e.g. "list deployments.apps in all namespaces". */
export function toClusterAccessError(err: unknown, what: string): ClusterAccessError {
  if (err instanceof ClusterAccessError) return err;
  const status = httpStatusOf(err);
  if (status !== undefined) {
    const detail = statusMessage((err as ErrorLike).body) ?? `HTTP ${status}`;
    if (status === 401)
      return new ClusterAccessError(`cannot ${what}: not authenticated (HTTP 401: ${detail})`, 'forbidden', {
        cause: err,
      });
    if (status === 403)
      return new ClusterAccessError(`cannot ${what}: forbidden by RBAC (HTTP 403: ${detail})`, 'forbidden', {
        cause: err,
      });
    if (status === 408 || status === 504)
      return new ClusterAccessError(`cannot ${what}: the API server timed out (HTTP ${status}: ${detail})`, 'timeout', {
        cause: err,
      });
    return new ClusterAccessError(`cannot ${what}: HTTP ${status}: ${detail}`, 'other', { cause: err });
  }
  const code = systemCode(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code && UNREACHABLE_CODES.has(code))
    return new ClusterAccessError(`cannot ${what}: the API server is unreachable (${code})`, 'unreachable', {
      cause: err,
    });
  if (code && TIMEOUT_CODES.has(code))
    return new ClusterAccessError(`cannot ${what}: timed out connecting to the API server (${code})`, 'timeout', {
      cause: err,
    });
  if (code && /CERT|TLS|SSL|SELF_SIGNED|VERIFY/.test(code)) {
    return new ClusterAccessError(
      `cannot ${what}: TLS with the API server failed (${code}: ${message})`,
      'unreachable',
      { cause: err },
    );
  }
  return new ClusterAccessError(`cannot ${what}: ${message}`, 'other', { cause: err });
}
