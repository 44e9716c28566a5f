/**
 * Small, total readers for untyped Kubernetes JSON. Items reach the plugin as arbitrary JSON, so every
 * field access is checked here once instead of with casts scattered through the logic.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `path`, or undefined when any step is missing or not an object. */
export function objectAt(root: unknown, ...path: string[]): JsonObject | undefined {
  let current: unknown = root;
  for (const step of path) {
    if (!isObject(current)) return undefined;
    current = current[step];
  }
  return isObject(current) ? current : undefined;
}

/** The non-empty string at `path`, or undefined. */
export function stringAt(root: unknown, ...path: string[]): string | undefined {
  const last = path[path.length - 1];
  if (last === undefined) return undefined;
  const parent = path.length === 1 ? (isObject(root) ? root : undefined) : objectAt(root, ...path.slice(0, -1));
  const value = parent?.[last];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The array at `path` (empty when missing or not an array). */
export function arrayAt(root: unknown, ...path: string[]): unknown[] {
  const last = path[path.length - 1];
  if (last === undefined) return [];
  const parent = path.length === 1 ? (isObject(root) ? root : undefined) : objectAt(root, ...path.slice(0, -1));
  const value = parent?.[last];
  return Array.isArray(value) ? value : [];
}
