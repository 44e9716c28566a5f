/**
 * Reads a kube-apiserver audit log (JSON lines, policy: creates at Metadata level) into the ordered
 * list of objects a client created, which is how the suite observes Velero's restore order.
 */
import { existsSync, readFileSync } from 'node:fs';

export interface CreatedObject {
  /** API group ("" for core). */
  group: string;
  /** Plural resource, e.g. "secrets". */
  resource: string;
  namespace: string;
  name: string;
  /** HTTP status of the create (201 created, 409 exists, 500 webhook failure, ...). */
  code: number;
  userAgent: string;
  /** Position in the log (0-based), for ordering comparisons. */
  index: number;
}

interface AuditEvent {
  stage?: string;
  verb?: string;
  userAgent?: string;
  user?: { username?: string };
  objectRef?: { apiGroup?: string; resource?: string; subresource?: string; namespace?: string; name?: string };
  responseStatus?: { code?: number };
}

/** The log's events in order; a line still being written is left out. */
function auditEvents(auditLog: string): AuditEvent[] {
  if (!existsSync(auditLog)) return [];
  const events: AuditEvent[] = [];
  for (const line of readFileSync(auditLog, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      events.push(JSON.parse(line) as AuditEvent);
    } catch {
      // a line being written while we read
    }
  }
  return events;
}

/** Every create request (whole objects, not subresources) at ResponseComplete, in log order. */
export function readCreates(auditLog: string, userAgentPrefix?: string): CreatedObject[] {
  const creates: CreatedObject[] = [];
  for (const event of auditEvents(auditLog)) {
    const ref = event.objectRef;
    if (event.stage !== 'ResponseComplete' || event.verb !== 'create' || !ref?.resource || ref.subresource) continue;
    const userAgent = event.userAgent ?? '';
    if (userAgentPrefix && !userAgent.startsWith(userAgentPrefix)) continue;
    creates.push({
      group: ref.apiGroup ?? '',
      resource: ref.resource,
      namespace: ref.namespace ?? '',
      name: ref.name ?? '',
      code: event.responseStatus?.code ?? 0,
      userAgent,
      index: creates.length,
    });
  }
  return creates;
}

/** One completed request: who made it (user and user agent) and what it asked for. */
export interface AuditedRequest {
  username: string;
  userAgent: string;
  verb: string;
  /** Plural resource ("" for non-resource URLs such as discovery). */
  resource: string;
  namespace: string;
  code: number;
}

/** Every request at ResponseComplete, in log order (the test environment's policy logs all at Metadata level). */
export function readRequests(auditLog: string): AuditedRequest[] {
  const requests: AuditedRequest[] = [];
  for (const event of auditEvents(auditLog)) {
    if (event.stage !== 'ResponseComplete') continue;
    requests.push({
      username: event.user?.username ?? '',
      userAgent: event.userAgent ?? '',
      verb: event.verb ?? '',
      resource: event.objectRef?.resource ?? '',
      namespace: event.objectRef?.namespace ?? '',
      code: event.responseStatus?.code ?? 0,
    });
  }
  return requests;
}
