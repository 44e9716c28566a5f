/**
 * The file `export` writes and `import` reads: multi-document YAML in apply order, between a header and an end
 * marker that carries the object count, so a file cut short (a full disk, an interrupted copy) is refused
 * instead of half-applied. `import` also takes files without the markers, such as the output of cert-manager's
 * backup guide (`kubectl get -A -o yaml issuer,clusterissuer,cert`: a `List`), and hand-written ones.
 */
import yaml from 'js-yaml';
import { compareForApply, copiedKindOf, isNamedObject } from '../../certmanager/configuration-copy.js';
import { EPHEMERAL_TYPES, apiGroupOf } from '../../certmanager/kinds.js';
import { isObject } from '../../certmanager/object-access.js';
import type { KubeObject } from '../audit/findings.js';

const HEADER = '# velero-cm-preflight export of cert-manager configuration';
const END = /^# end of velero-cm-preflight export: (\d+) objects?$/m;

/** A file `import` refuses, with every reason found (nothing is applied then). */
export class ConfigurationFileError extends Error {
  constructor(
    readonly file: string,
    readonly reasons: readonly string[],
  ) {
    super(`${file}: nothing applied:\n${reasons.map((r) => `  - ${r}`).join('\n')}`);
    this.name = 'ConfigurationFileError';
  }
}

/** The export file: header (where from, how to apply), the objects in apply order, the end marker. */
export function renderConfigurationFile(objects: readonly KubeObject[], source: string): string {
  const sorted = [...objects].sort(compareForApply);
  // apiVersion and kind first, as kubectl prints objects, whatever order the API server answered in.
  const documents = sorted.map(({ apiVersion, kind, metadata, ...rest }) =>
    yaml.dump({ apiVersion, kind, metadata, ...rest }, { noRefs: true, lineWidth: -1, sortKeys: false }),
  );
  const count = `${sorted.length} object${sorted.length === 1 ? '' : 's'}`;
  return (
    `${HEADER}\n# from ${source}; ${count}: Secrets and ServiceAccounts, then issuers, then Certificates.\n` +
    '# Apply with: velero-cm-preflight import FILE (or kubectl apply -f FILE). Holds Secret data when it lists Secrets.\n' +
    documents.map((d) => `---\n${d}`).join('') +
    `# end of velero-cm-preflight export: ${count}\n`
  );
}

function describeDocument(value: unknown, index: number): string {
  if (!isObject(value)) return `document ${index + 1}`;
  const meta = isObject(value.metadata) ? value.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '(no name)';
  const ns = typeof meta.namespace === 'string' ? `${meta.namespace}/` : '';
  return `document ${index + 1} (${String(value.apiVersion)} ${String(value.kind)} ${ns}${name})`;
}

/** Why a document is not a configuration object this import applies, or undefined when it is one. */
function refusal(value: unknown): string | undefined {
  if (!isNamedObject(value)) return 'not a Kubernetes object (apiVersion, kind and metadata.name are required)';
  const kind = copiedKindOf(value);
  if (!kind) {
    const group = apiGroupOf(value.apiVersion);
    if (EPHEMERAL_TYPES.some((t) => t.group === group && t.kind === value.kind))
      return `${value.kind}s are cert-manager's own working state, never copied: leave them out of the file`;
    return "not part of cert-manager's configuration (import applies v1 Secrets and ServiceAccounts, and cert-manager.io Issuers, ClusterIssuers and Certificates)";
  }
  if (kind !== 'ClusterIssuer' && typeof value.metadata.namespace !== 'string')
    return 'has no metadata.namespace (import does not guess one)';
  if (kind !== 'Secret' && kind !== 'ServiceAccount' && !isObject(value.spec)) return 'has no spec';
  return undefined;
}

/**
 * The configuration objects of a file as written (import removes the server-set fields after reading the
 * shim owner references), in apply order. Throws
 * ConfigurationFileError listing every problem (YAML syntax, an object cut short, a foreign kind, a duplicate).
 */
export function parseConfigurationFile(text: string, file: string): KubeObject[] {
  const reasons: string[] = [];
  if (text.startsWith(HEADER)) {
    const end = END.exec(text);
    if (!end) reasons.push("the file ends before the export's end marker: it was cut short; export it again");
  }
  let documents: unknown[];
  try {
    documents = yaml.loadAll(text);
  } catch (err) {
    throw new ConfigurationFileError(file, [`not valid YAML: ${(err as Error).message.split('\n')[0] ?? ''}`]);
  }
  // `kubectl get -o yaml` of several objects is one List; its items are the objects.
  const flat: unknown[] = documents
    .filter((d) => d !== null && d !== undefined)
    .flatMap((d): unknown[] =>
      isObject(d) && d.kind === 'List' && Array.isArray(d.items) ? (d.items as unknown[]) : [d],
    );
  const objects: KubeObject[] = [];
  const seen = new Set<string>();
  flat.forEach((value, index) => {
    const why = refusal(value);
    if (why) {
      reasons.push(`${describeDocument(value, index)}: ${why}`);
      return;
    }
    const object = value as KubeObject;
    const key = `${object.apiVersion} ${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
    if (seen.has(key)) reasons.push(`${describeDocument(value, index)}: appears twice`);
    seen.add(key);
    objects.push(object);
  });
  const end = END.exec(text);
  if (text.startsWith(HEADER) && end && Number(end[1]) !== flat.length)
    reasons.push(`the end marker counts ${end[1]} objects but the file holds ${flat.length}: it was edited or damaged`);
  if (flat.length === 0 && reasons.length === 0) reasons.push('holds no objects');
  if (reasons.length) throw new ConfigurationFileError(file, reasons);
  return objects.sort(compareForApply);
}
