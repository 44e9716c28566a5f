/**
 * What makes decoded JSON a KubeObject the actions may read without further checks: a kind, an
 * apiVersion, and metadata whose well-known fields have the types the API server guarantees (name and
 * namespace strings, labels and annotations maps of strings, ownerReferences objects with string
 * apiVersion, kind and name). Items normally come from the API server and always pass; a corrupted
 * backup or a bug upstream gets a clear per-item error instead of an exception deep in an action.
 *
 * Problems name fields and JSON types only, never values: the item may be a Secret.
 */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON type of a value, for messages ("an array", "a number"). */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'number' ? 'a number' : `a ${typeof value}`;
}

function stringMapProblem(field: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) return `${field} is ${jsonType(value)}, not a map of strings`;
  for (const entry of Object.values(value)) {
    if (typeof entry !== 'string') return `${field} holds ${jsonType(entry)} where a string belongs`;
  }
  return undefined;
}

function ownerReferencesProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return `metadata.ownerReferences is ${jsonType(value)}, not a list`;
  for (const [index, ref] of value.entries()) {
    const field = `metadata.ownerReferences[${index}]`;
    if (!isPlainObject(ref)) return `${field} is ${jsonType(ref)}, not an object`;
    for (const key of ['apiVersion', 'kind', 'name'])
      if (typeof ref[key] !== 'string') return `${field}.${key} is ${jsonType(ref[key])}, not a string`;
    for (const key of ['controller', 'blockOwnerDeletion'])
      if (ref[key] !== undefined && ref[key] !== null && typeof ref[key] !== 'boolean')
        return `${field}.${key} is ${jsonType(ref[key])}, not a boolean`;
  }
  return undefined;
}

/** Why `value` is not a Kubernetes object the actions can read, or undefined when it is one. */
export function kubeObjectProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'not a JSON object';
  if (typeof value.kind !== 'string' || value.kind === '') return 'no kind';
  if (typeof value.apiVersion !== 'string') return 'no apiVersion';
  const metadata = value.metadata;
  if (!isPlainObject(metadata)) return 'no metadata object';
  for (const key of ['name', 'namespace', 'uid', 'generateName'])
    if (metadata[key] !== undefined && metadata[key] !== null && typeof metadata[key] !== 'string')
      return `metadata.${key} is ${jsonType(metadata[key])}, not a string`;
  return (
    stringMapProblem('metadata.annotations', metadata.annotations) ??
    stringMapProblem('metadata.labels', metadata.labels) ??
    ownerReferencesProblem(metadata.ownerReferences)
  );
}
