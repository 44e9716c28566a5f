/**
 * Where the velero CLI operates, found as the CLI finds it (pkg/client/factory.go): the `-n/--namespace` flag of the
 * command line, else the `namespace` key of the client config file ($HOME/.config/velero/config.json, written by
 * `velero client config set namespace=NS`), else the VELERO_NAMESPACE environment variable, else `velero`. The
 * preflight's own --velero-namespace (or config file, or --cluster) says where the server really runs and wins over
 * the client's settings; only a namespace from one of these sources is known well enough to judge `-n` against.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type VeleroNamespaceSource = 'preflight option' | 'velero client config' | 'VELERO_NAMESPACE' | 'default';

export interface VeleroNamespace {
  namespace: string;
  source: VeleroNamespaceSource;
}

/** The `namespace` of a velero client config file's JSON text; undefined when absent, empty or unreadable JSON. */
export function clientConfigNamespace(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const value = (parsed as Record<string, unknown>).namespace;
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    // velero itself fails on a broken config file; the preflight falls back to what it knows instead of failing.
    return undefined;
  }
}

/** Velero's namespace by the precedence above, from the preflight's option and the client's environment. */
export function resolveVeleroNamespace(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  readClientConfig: () => string | undefined,
): VeleroNamespace {
  if (option !== undefined && option !== '') return { namespace: option, source: 'preflight option' };
  const fromConfig = clientConfigNamespace(readClientConfig());
  if (fromConfig !== undefined) return { namespace: fromConfig, source: 'velero client config' };
  const fromEnv = env.VELERO_NAMESPACE;
  if (fromEnv !== undefined && fromEnv !== '') return { namespace: fromEnv, source: 'VELERO_NAMESPACE' };
  return { namespace: 'velero', source: 'default' };
}

/** The client config file velero reads, when it can be read. */
function readVeleroClientConfig(env: Readonly<Record<string, string | undefined>>): string | undefined {
  try {
    return readFileSync(join(env.HOME ?? '', '.config', 'velero', 'config.json'), 'utf8');
  } catch {
    return undefined;
  }
}

/** The LintContext fields for Velero's namespace, resolved from this process's environment. */
export function veleroNamespaceContext(option: string | undefined): {
  veleroNamespace: string;
  veleroNamespaceKnown: boolean;
} {
  const resolved = resolveVeleroNamespace(option, process.env, () => readVeleroClientConfig(process.env));
  return { veleroNamespace: resolved.namespace, veleroNamespaceKnown: resolved.source !== 'default' };
}
