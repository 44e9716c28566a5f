/**
 * Would the Backup's own filters leave this namespaced item out? A faithful subset of Velero's
 * include/exclude rules (pkg/util/collections IncludesExcludes: excludes win, an empty or `*` include
 * list includes everything, entries are globs), applied to what an additional item is checked against:
 * its namespace and its resource. Used only to warn about, or to force in, Secrets cert-manager needs;
 * Velero still makes the decision.
 */
import type { ResourceIdentifier, VeleroRequestObject } from '../../host/action.js';

function stringList(spec: Record<string, unknown> | undefined, field: string): string[] {
  const value = spec?.[field];
  return Array.isArray(value)
    ? value.filter((entry): entry is string => typeof entry === 'string' && entry !== '')
    : [];
}

/** gobwas/glob without separators: `*`, `?`, `[...]`, `{a,b}`; everything else literal. */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) source += '\\[';
      else {
        const body = pattern
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = end;
      }
    } else if (char === '{') {
      const end = pattern.indexOf('}', i + 1);
      if (end < 0) source += '\\{';
      else {
        source += `(?:${pattern
          .slice(i + 1, end)
          .split(',')
          .map(escapeRegExp)
          .join('|')})`;
        i = end;
      }
    } else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function matchesAny(patterns: string[], value: string): boolean {
  return patterns.some((pattern) => globToRegExp(pattern).test(value));
}

/** Velero's ShouldInclude: excludes win; no includes, or `*`, include everything. */
function shouldInclude(includes: string[], excludes: string[], value: string): boolean {
  if (matchesAny(excludes, value)) return false;
  return includes.length === 0 || includes.includes('*') || matchesAny(includes, value);
}

/** Velero resolves entries through discovery; these are the forms of the core kinds we return. */
const RESOURCE_ALIASES: Record<string, string> = {
  secret: 'secrets',
  secrets: 'secrets',
  serviceaccount: 'serviceaccounts',
  serviceaccounts: 'serviceaccounts',
  sa: 'serviceaccounts',
};

function normaliseResources(entries: string[]): string[] {
  return entries.map((entry) => {
    const lower = entry.toLowerCase().replace(/\.$/, '');
    return RESOURCE_ALIASES[lower] ?? lower;
  });
}

/**
 * Why the Backup's filters would drop this namespaced item, or undefined when they keep it. The
 * `velero.io/exclude-from-backup` label is not considered: that needs the object, which this plugin
 * does not read for Secrets.
 */
export function filterExclusionReason(backup: VeleroRequestObject, id: ResourceIdentifier): string | undefined {
  const spec = backup.spec;
  const groupResource = id.group === '' ? id.resource : `${id.resource}.${id.group}`;
  if (id.namespace !== '') {
    const included = stringList(spec, 'includedNamespaces');
    const excluded = stringList(spec, 'excludedNamespaces');
    if (!shouldInclude(included, excluded, id.namespace)) {
      return matchesAny(excluded, id.namespace)
        ? `namespace ${id.namespace} is in the backup's excluded namespaces`
        : `namespace ${id.namespace} is not in the backup's included namespaces`;
    }
  }
  for (const [includeField, excludeField] of [
    ['includedResources', 'excludedResources'],
    ['includedNamespaceScopedResources', 'excludedNamespaceScopedResources'],
  ] as const) {
    const included = normaliseResources(stringList(spec, includeField));
    const excluded = normaliseResources(stringList(spec, excludeField));
    if (!shouldInclude(included, excluded, groupResource)) {
      return matchesAny(excluded, groupResource)
        ? `${groupResource} are in the backup's ${excludeField}`
        : `${groupResource} are not in the backup's ${includeField}`;
    }
  }
  return undefined;
}
