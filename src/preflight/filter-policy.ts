/**
 * The fine-grained filter policies of a Velero resource policy (Velero 1.18.3+, internal/resourcepolicies at the
 * v1.18.3 tag): `clusterScopedFilterPolicy` (per cluster-scoped kind: a label selector, OR-ed label selectors,
 * name globs) and `namespacedFilterPolicies` (per namespace pattern: the kinds to keep, each with the same
 * filters; a kind neither listed nor covered by a catch-all entry is not collected in those namespaces). Decoded
 * strictly and validated in the order and with the words Velero uses, so a policy Velero would refuse is refused
 * here. Pure; read by policy.ts, modelled for the hazard rules by policy-effects.ts.
 */
import { compileGlob } from '../velero/glob.js';

/** A policy Velero refuses, with the line (within the policy text) to point at. */
export class PolicyError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    /** A fix more precise than "correct the policy", when the cause is known. */
    readonly fix?: string,
  ) {
    super(message);
  }
}

export interface LabelRequirement {
  key: string;
  operator: string;
  values?: string[];
}
export interface PolicyLabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelRequirement[];
}
export interface ResourceFilter {
  kinds: string[];
  labelSelector?: PolicyLabelSelector;
  orLabelSelectors?: PolicyLabelSelector[];
  names?: string[];
  excludedNames?: string[];
}
export interface NamespacedFilterPolicy {
  namespaces: string[];
  resourceFilters: ResourceFilter[];
}
export interface FilterPolicies {
  clusterScopedFilterPolicy?: ResourceFilter[];
  namespacedFilterPolicies?: NamespacedFilterPolicy[];
}

/** The top-level keys this module reads, accepted from Velero 1.18.3. */
export const FILTER_POLICY_KEYS = ['clusterScopedFilterPolicy', 'namespacedFilterPolicies'] as const;
export const FILTER_POLICIES_SINCE = '1.18.3';

type Obj = Record<string, unknown>;
type KeyLine = (key: string) => number | undefined;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

export function unknownKeys(obj: Obj, known: readonly string[], type: string, keyLine: KeyLine): void {
  for (const key of Object.keys(obj))
    if (!known.includes(key)) throw new PolicyError(`field ${key} not found in type ${type}`, keyLine(key));
}

function strings(v: unknown, field: string, keyLine: KeyLine): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every(isScalar))
    throw new PolicyError(`${field} must be a list of strings`, keyLine(field));
  return v.map(text);
}

function mapping(v: unknown, field: string, keyLine: KeyLine): Obj | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) throw new PolicyError(`${field} must be a mapping`, keyLine(field));
  return v;
}

function list(v: unknown, field: string, keyLine: KeyLine): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new PolicyError(`${field} must be a list`, keyLine(field));
  return v;
}

function decodeSelector(v: unknown, field: string, keyLine: KeyLine): PolicyLabelSelector | undefined {
  const obj = mapping(v, field, keyLine);
  if (!obj) return undefined;
  unknownKeys(obj, ['matchLabels', 'matchExpressions'], 'PolicyLabelSelector', keyLine);
  const selector: PolicyLabelSelector = {};
  const labels = mapping(obj.matchLabels, 'matchLabels', keyLine);
  if (labels) {
    if (!Object.values(labels).every(isScalar))
      throw new PolicyError('matchLabels must be a map of string to string', keyLine('matchLabels'));
    selector.matchLabels = Object.fromEntries(Object.entries(labels).map(([k, val]) => [k, text(val)]));
  }
  const expressions = list(obj.matchExpressions, 'matchExpressions', keyLine);
  if (expressions.length > 0)
    selector.matchExpressions = expressions.map((e) => {
      const req = mapping(e, 'matchExpressions', keyLine) ?? {};
      unknownKeys(req, ['key', 'operator', 'values'], 'PolicyLabelSelectorRequirement', keyLine);
      const values = strings(req.values, 'values', keyLine);
      return { key: text(req.key), operator: text(req.operator), ...(values ? { values } : {}) };
    });
  return selector;
}

function decodeFilter(v: unknown, keyLine: KeyLine): ResourceFilter {
  const obj = mapping(v, 'resourceFilters', keyLine) ?? {};
  unknownKeys(obj, ['kinds', 'labelSelector', 'orLabelSelectors', 'names', 'excludedNames'], 'ResourceFilter', keyLine);
  const filter: ResourceFilter = { kinds: strings(obj.kinds, 'kinds', keyLine) ?? [] };
  const labelSelector = decodeSelector(obj.labelSelector, 'labelSelector', keyLine);
  if (labelSelector) filter.labelSelector = labelSelector;
  const ors = list(obj.orLabelSelectors, 'orLabelSelectors', keyLine);
  // A null entry decodes to a nil pointer, which Velero skips.
  if (ors.length > 0)
    filter.orLabelSelectors = ors.flatMap((o) => decodeSelector(o, 'orLabelSelectors', keyLine) ?? []);
  const names = strings(obj.names, 'names', keyLine);
  if (names) filter.names = names;
  const excludedNames = strings(obj.excludedNames, 'excludedNames', keyLine);
  if (excludedNames) filter.excludedNames = excludedNames;
  return filter;
}

/** Decodes the two keys (strictly: an unknown key anywhere is Velero's "field X not found in type Y"). */
export function decodeFilterPolicies(doc: Obj, keyLine: KeyLine): FilterPolicies {
  const policies: FilterPolicies = {};
  const cluster = mapping(doc.clusterScopedFilterPolicy, 'clusterScopedFilterPolicy', keyLine);
  if (cluster) {
    unknownKeys(cluster, ['resourceFilters'], 'ClusterScopedFilterPolicy', keyLine);
    policies.clusterScopedFilterPolicy = list(cluster.resourceFilters, 'resourceFilters', keyLine).map((f) =>
      decodeFilter(f, keyLine),
    );
  }
  const namespaced = list(doc.namespacedFilterPolicies, 'namespacedFilterPolicies', keyLine);
  if (namespaced.length > 0)
    policies.namespacedFilterPolicies = namespaced.map((p) => {
      const obj = mapping(p, 'namespacedFilterPolicies', keyLine) ?? {};
      unknownKeys(obj, ['namespaces', 'resourceFilters'], 'NamespacedFilterPolicy', keyLine);
      return {
        namespaces: strings(obj.namespaces, 'namespaces', keyLine) ?? [],
        resourceFilters: list(obj.resourceFilters, 'resourceFilters', keyLine).map((f) => decodeFilter(f, keyLine)),
      };
    });
  return policies;
}

/** ResourceFilter.IsCatchAll: no kinds, or exactly `*`. */
export function isCatchAll(filter: ResourceFilter): boolean {
  return filter.kinds.length === 0 || (filter.kinds.length === 1 && filter.kinds[0] === '*');
}

/** Whether a filter narrows what it applies to (a label selector with constraints, OR-ed selectors, names). */
export function isRestricting(filter: ResourceFilter): boolean {
  return (
    isPresentSelector(filter.labelSelector) ||
    (filter.orLabelSelectors ?? []).some(isPresentSelector) ||
    (filter.names ?? []).length > 0 ||
    (filter.excludedNames ?? []).length > 0
  );
}

/** IsPresentLabelSelector: `{}` is no selector at all. */
export function isPresentSelector(s: PolicyLabelSelector | undefined): boolean {
  return !!s && (Object.keys(s.matchLabels ?? {}).length > 0 || (s.matchExpressions ?? []).length > 0);
}

/** Kubernetes qualified names and label values (apimachinery validation), as LabelSelectorAsSelector checks them. */
const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  const name = parts.length === 2 ? parts[1] : parts[0];
  if (parts.length > 2 || name === undefined || name.length > 63 || !NAME_PART.test(name))
    return `key: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
  const prefix = parts.length === 2 ? parts[0] : undefined;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)))
    return `key: Invalid value: "${key}": prefix part must be a lowercase RFC 1123 subdomain`;
  return undefined;
}
function labelValueProblem(value: string): string | undefined {
  return value === '' || (value.length <= 63 && NAME_PART.test(value))
    ? undefined
    : `values[0]: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
}

/** metav1.LabelSelectorAsSelector's refusals. */
function selectorProblem(s: PolicyLabelSelector | undefined): string | undefined {
  if (!isPresentSelector(s) || !s) return undefined;
  for (const [key, value] of Object.entries(s.matchLabels ?? {})) {
    const problem = labelKeyProblem(key) ?? labelValueProblem(value);
    if (problem) return problem;
  }
  for (const req of s.matchExpressions ?? []) {
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0)
          return "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty";
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0)
          return "values: Invalid value: for 'exists', 'notexists' operators, values set must be empty";
        break;
      default:
        return `"${req.operator}" is not a valid label selector operator`;
    }
    const problem = labelKeyProblem(req.key) ?? values.map(labelValueProblem).find((p) => p !== undefined);
    if (problem) return problem;
  }
  return undefined;
}

/** The checks Velero runs on every filter of either policy: selectors, then name globs (gobwas/glob). */
function validateFilter(filter: ResourceFilter, where: string, keyLine: KeyLine): void {
  if (isPresentSelector(filter.labelSelector) && (filter.orLabelSelectors ?? []).length > 0)
    throw new PolicyError(`${where}: labelSelector and orLabelSelectors cannot co-exist`, keyLine('orLabelSelectors'));
  const single = selectorProblem(filter.labelSelector);
  if (single) throw new PolicyError(`${where}: invalid label selector: ${single}`, keyLine('labelSelector'));
  for (const [k, ors] of (filter.orLabelSelectors ?? []).entries()) {
    const problem = selectorProblem(ors);
    if (problem)
      throw new PolicyError(
        `${where}.orLabelSelectors[${k}]: invalid label selector: ${problem}`,
        keyLine('orLabelSelectors'),
      );
  }
  for (const field of ['names', 'excludedNames'] as const)
    for (const [k, pattern] of (filter[field] ?? []).entries())
      if (!compileGlob(pattern))
        throw new PolicyError(`${where}.${field}[${k}]: invalid glob pattern "${pattern}"`, keyLine(field));
}

/** wildcard.ValidateNamespaceName, which Velero runs on every namespace pattern. */
function namespacePatternProblem(pattern: string): string | undefined {
  if (/[|()!{},]/.test(pattern)) return 'wildcard pattern contains unsupported characters: |, (, ), !, {, }, ,';
  if (pattern.includes('**')) return 'wildcard pattern contains consecutive asterisks (only single * allowed)';
  if (pattern.includes('[]')) return "wildcard pattern contains empty bracket pattern '[]'";
  if (!compileGlob(pattern)) return 'wildcard pattern has unmatched brackets';
  return undefined;
}

/** Policies.validateClusterScopedFilterPolicy. */
function validateClusterScoped(filters: ResourceFilter[], keyLine: KeyLine): void {
  const at = keyLine('clusterScopedFilterPolicy');
  if (filters.length === 0)
    throw new PolicyError(
      'clusterScopedFilterPolicy: resourceFilters cannot be empty; remove the policy block entirely if it is not needed',
      at,
    );
  const seen = new Map<string, number>();
  for (const [j, filter] of filters.entries()) {
    if (isCatchAll(filter))
      throw new PolicyError(
        `clusterScopedFilterPolicy.resourceFilters[${j}]: kinds must be specified (catch-all is not supported)`,
        at,
      );
    for (const kind of filter.kinds) {
      const previous = seen.get(kind);
      if (previous !== undefined)
        throw new PolicyError(
          `clusterScopedFilterPolicy: kind "${kind}" appears in both resourceFilters[${previous}] and resourceFilters[${j}]`,
          at,
        );
      seen.set(kind, j);
    }
    validateFilter(filter, `clusterScopedFilterPolicy.resourceFilters[${j}]`, keyLine);
  }
}

/** Policies.validateNamespacedFilterPolicies. */
function validateNamespaced(policies: NamespacedFilterPolicy[], keyLine: KeyLine): void {
  const at = keyLine('namespacedFilterPolicies');
  const patterns = new Map<string, number[]>();
  for (const [i, policy] of policies.entries()) {
    if (policy.namespaces.length === 0)
      throw new PolicyError(`namespacedFilterPolicies[${i}]: at least one namespace must be specified`, at);
    if (policy.resourceFilters.length === 0)
      throw new PolicyError(`namespacedFilterPolicies[${i}]: at least one resourceFilter must be specified`, at);
    for (const [j, pattern] of policy.namespaces.entries()) {
      const problem = namespacePatternProblem(pattern);
      if (problem) throw new PolicyError(`namespacedFilterPolicies[${i}].namespaces[${j}]: ${problem}`, at);
      patterns.set(pattern, [...(patterns.get(pattern) ?? []), i]);
    }
    const seen = new Map<string, number>();
    let catchAll = false;
    for (const [j, filter] of policy.resourceFilters.entries()) {
      if (isCatchAll(filter)) {
        if (catchAll)
          throw new PolicyError(`namespacedFilterPolicies[${i}]: only one catch-all resource filter is allowed`, at);
        catchAll = true;
        if ((filter.names ?? []).length > 0 || (filter.excludedNames ?? []).length > 0)
          throw new PolicyError(
            `namespacedFilterPolicies[${i}].resourceFilters[${j}]: names or excludedNames cannot be specified for catch-all filters`,
            at,
          );
      }
      for (const kind of filter.kinds) {
        if (kind === '*') continue;
        const previous = seen.get(kind);
        if (previous !== undefined)
          throw new PolicyError(
            `namespacedFilterPolicies[${i}]: kind "${kind}" appears in both resourceFilters[${previous}] and resourceFilters[${j}]`,
            at,
          );
        seen.set(kind, j);
      }
      validateFilter(filter, `namespacedFilterPolicies[${i}].resourceFilters[${j}]`, keyLine);
    }
  }
  // Velero reports exact duplicates only, after every policy passed the checks above.
  for (const [pattern, indices] of patterns)
    if (indices.length > 1)
      throw new PolicyError(
        `namespacedFilterPolicies: duplicate namespace pattern '${pattern}' found in policies [${indices.join(' ')}]`,
        at,
      );
}

/** Velero's validation of both policies, cluster-scoped first (Policies.Validate, after includeExcludePolicy). */
export function validateFilterPolicies(policies: FilterPolicies, keyLine: KeyLine): void {
  if (policies.clusterScopedFilterPolicy) validateClusterScoped(policies.clusterScopedFilterPolicy, keyLine);
  if (policies.namespacedFilterPolicies) validateNamespaced(policies.namespacedFilterPolicies, keyLine);
}
