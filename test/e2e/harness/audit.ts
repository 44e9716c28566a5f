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
  objectRef?: { apiGroup?: string; resource?: string; subresource?: string; namespace?: string; name?: string };
  responseStatus?: { code?: number };
}

/** Every create request (whole objects, not subresources) at ResponseComplete, in log order. */
export function readCreates(auditLog: string, userAgentPrefix?: string): CreatedObject[] {
  if (!existsSync(auditLog)) return [];
  const creates: CreatedObject[] = [];
  for (const line of readFileSync(auditLog, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let event: AuditEvent;
    try {
      event = JSON.parse(line) as AuditEvent;
    } catch {
      continue; // a line being written while we read
    }
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
