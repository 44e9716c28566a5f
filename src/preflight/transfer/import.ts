/**
 * Applies a configuration file for `import`: refuses a cluster without cert-manager's CRDs or without the
 * file's namespaces before anything is written, forecasts which Certificates cert-manager will issue anew,
 * then server-side applies stage by stage (Secrets and ServiceAccounts, issuers, Certificates) under this
 * tool's own field manager, and stops before the next stage when one object of a stage is not applied, so a
 * Certificate is never created ahead of the Secret it would otherwise be reissued without.
 */
import {
  APPLY_STAGES,
  applyStageOf,
  certificateIssuer,
  configurationDependencies,
  copiedKindOf,
  withoutServerFields,
} from '../../certmanager/configuration-copy.js';
import { describeOwner, shimOwnerOf } from '../../certmanager/shim.js';
import { isObject, stringAt } from '../../certmanager/object-access.js';
import type { KubeObject } from '../audit/findings.js';
import { ClusterApi, IMPORT_ROLE, type ApiOptions } from '../cluster/api.js';
import { present } from '../checked.js';
import {
  ACCOUNT_KEY_NOTE,
  ConfigurationCopyError,
  describeObject,
  requireCertManagerCrds,
  namespacedPath,
  objectPath,
} from './paths.js';

/** The field manager of every apply: `kubectl get --show-managed-fields` shows what this tool set. */
export const FIELD_MANAGER = 'velero-cm-preflight';

export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'conflict' | 'failed' | 'not applied';

export interface ObjectResult {
  object: string;
  outcome: ImportOutcome;
  /** Why, for conflict, failed and not applied. */
  message?: string;
}

export interface ImportPlan {
  source: string;
  /** Shim Certificates in the file, left out. */
  shimCertificates: string[];
  /** Certificates cert-manager will issue anew: their Secret is neither in the file nor in the cluster. */
  reissued: string[];
  /** Issuers that will not become Ready: a Secret or ServiceAccount they reference is nowhere. */
  unresolved: string[];
}

export interface ImportOptions extends ApiOptions {
  dryRun: boolean;
  /** Take over fields another field manager set to other values (kubectl's --force-conflicts). */
  forceConflicts: boolean;
  /** Where ClusterIssuer Secrets live in the target cluster (default cert-manager). */
  clusterResourceNamespace: string;
  /** Called once the plan is known, before the first write. */
  onPlan(plan: ImportPlan): void;
  /** Called for each object as it is applied. */
  onResult(result: ObjectResult): void;
}

/** How many requests import keeps in flight: enough to hide latency, few enough not to load the API server. */
const CONCURRENCY = 8;

/** `work` over `items` with at most CONCURRENCY at a time; answers in the order of `items`. */
async function inParallel<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const answers: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      answers[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return answers;
}

/** The object as applied: no server-set fields, and no namespace on a cluster-scoped ClusterIssuer. */
function forApply(object: KubeObject): KubeObject {
  const stripped = withoutServerFields(object);
  if (stripped.kind === 'ClusterIssuer') delete stripped.metadata.namespace;
  return stripped;
}

const VOLATILE = new Set(['managedFields', 'resourceVersion', 'generation', 'creationTimestamp', 'uid']);

/** Fields that change on every write or that the apply does not own: left out when judging "unchanged". */
function comparable(object: KubeObject | undefined): string {
  if (!object) return '';
  const metadata = Object.fromEntries(Object.entries(object.metadata).filter(([field]) => !VOLATILE.has(field)));
  const { status: _status, ...rest } = object;
  return JSON.stringify(sortKeys({ ...rest, metadata }));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k])]),
  );
}

export async function importConfiguration(
  objects: readonly KubeObject[],
  options: ImportOptions,
): Promise<ObjectResult[]> {
  // ingress-shim and gateway-shim recreate their Certificates; a copy (from the guide's kubectl get) is an orphan.
  const shimCertificates: string[] = [];
  const wanted = objects.filter((o) => {
    const owner = o.kind === 'Certificate' ? shimOwnerOf(o) : undefined;
    if (owner) shimCertificates.push(`${describeObject(o)} (owned by ${describeOwner(owner, o.metadata.namespace)})`);
    return !owner;
  });
  // Server-set fields (owner references among them) go only now, after the shim check has read them.
  const applied = wanted.map(forApply);

  const api = await ClusterApi.connect({ ...options, role: IMPORT_ROLE });
  const source = `context ${api.contextName} (${api.server})`;
  await requireCertManagerCrds(api, source, 'install cert-manager first; nothing applied');
  const namespaces = new Set(
    ((await api.list('/api/v1/namespaces', 'list namespaces', { metadataOnly: true })) ?? []).map(
      (n) => n.metadata.name ?? '',
    ),
  );
  const needed = [
    ...new Set(applied.filter((o) => o.kind !== 'ClusterIssuer').map((o) => o.metadata.namespace ?? '')),
  ].sort();
  const lacking = needed.filter((n) => !namespaces.has(n));
  if (lacking.length)
    throw new ConfigurationCopyError(
      `namespace${lacking.length === 1 ? '' : 's'} ${lacking.join(', ')} ${lacking.length === 1 ? 'does' : 'do'} not exist in ${source}: ` +
        `create ${lacking.length === 1 ? 'it' : 'them'} first (kubectl create namespace ${lacking.join(' ')}); nothing applied`,
    );

  // What the cluster holds now, object by object: decides created / updated / unchanged, and the forecast.
  const live = new Map<KubeObject, KubeObject | undefined>();
  const before = await inParallel(applied, async (o) => {
    const kind = present(copiedKindOf(o), 'the kind of a parsed object');
    return (await api.get(objectPath(o, kind), `get ${describeObject(o)}`)) as KubeObject | undefined;
  });
  applied.forEach((o, i) => live.set(o, before[i]));
  const inFile = new Set(applied.map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`));
  const exists = async (kind: 'Secret' | 'ServiceAccount', namespace: string, name: string) =>
    inFile.has(`${kind} ${namespace}/${name}`) ||
    (await api.get(
      namespacedPath('', 'v1', kind === 'Secret' ? 'secrets' : 'serviceaccounts', namespace, name),
      `get ${kind} ${namespace}/${name}`,
    )) !== undefined;

  const reissued: string[] = [];
  for (const o of applied) {
    if (o.kind !== 'Certificate') continue;
    const secretName = stringAt(o, 'spec', 'secretName');
    const namespace = o.metadata.namespace ?? '';
    if (secretName && !(await exists('Secret', namespace, secretName)))
      reissued.push(`${describeObject(o)} (Secret ${namespace}/${secretName})`);
  }
  const unresolved: string[] = [];
  for (const dep of configurationDependencies(applied, options.clusterResourceNamespace, false))
    if (!(await exists(dep.kind, dep.namespace, dep.name)))
      unresolved.push(
        `${dep.kind} ${dep.namespace}/${dep.name} (${dep.referencedBy.join('; ')})${dep.acmeAccountKey ? ACCOUNT_KEY_NOTE : ''}`,
      );
  for (const o of applied) {
    const issuer = o.kind === 'Certificate' ? certificateIssuer(o) : undefined;
    if (!issuer) continue;
    const path = namespacedPath(
      'cert-manager.io',
      'v1',
      issuer.kind === 'Issuer' ? 'issuers' : 'clusterissuers',
      issuer.kind === 'Issuer' ? issuer.namespace : undefined,
      issuer.name,
    );
    const key = `${issuer.kind} ${issuer.kind === 'Issuer' ? issuer.namespace : ''}/${issuer.name}`;
    if (!inFile.has(key) && (await api.get(path, `get ${issuer.kind} ${issuer.name}`)) === undefined)
      unresolved.push(
        `${issuer.kind} ${issuer.kind === 'Issuer' ? `${issuer.namespace}/` : ''}${issuer.name} (spec.issuerRef of ${describeObject(o)})`,
      );
  }
  options.onPlan({ source, shimCertificates, reissued, unresolved });

  const results: ObjectResult[] = [];
  let stopped: string | undefined;
  for (const stage of APPLY_STAGES) {
    const members = applied.filter((o) => stage.includes(present(copiedKindOf(o), 'a kind')));
    // Objects of one stage do not depend on each other: applied concurrently, reported in file order.
    const answers = await inParallel(members, async (o): Promise<ObjectResult> => {
      if (stopped) return { object: describeObject(o), outcome: 'not applied', message: stopped };
      const answer = await api.apply(objectPath(o, present(copiedKindOf(o), 'a kind')), o, {
        fieldManager: FIELD_MANAGER,
        dryRun: options.dryRun,
        force: options.forceConflicts,
      });
      const previous = live.get(o);
      if (!('object' in answer))
        return {
          object: describeObject(o),
          outcome: answer.status === 409 ? 'conflict' : 'failed',
          message: answer.message,
        };
      const outcome: ImportOutcome = !previous
        ? 'created'
        : comparable(previous) === comparable(answer.object)
          ? 'unchanged'
          : 'updated';
      return { object: describeObject(o), outcome };
    });
    const stageFailed = answers.some((r) => r.outcome === 'conflict' || r.outcome === 'failed');
    for (const result of answers) {
      results.push(result);
      options.onResult(result);
    }
    if (stageFailed && !stopped) {
      const stageIndex = applyStageOf(present(stage[0], 'a stage kind'));
      const later = APPLY_STAGES.slice(stageIndex + 1)
        .flat()
        .join(', ');
      stopped = `not applied because an object of an earlier stage was not (${later} wait for their Secrets and issuers)`;
    }
  }
  return results;
}
