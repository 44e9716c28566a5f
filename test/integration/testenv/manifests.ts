/**
 * The real upstream objects the environment installs, obtained at test time from pinned Go module zips
 * (never copied into this repository):
 *   - cert-manager: its Helm chart (deploy/charts/cert-manager), rendered by Helm built from its own Go
 *     module, with CRDs enabled and hooks (the transient startupapicheck Job) left out;
 *   - Velero: its CRDs (config/crd/v1/bases, config/crd/v2alpha1/bases);
 *   - Gateway API: its standard-channel CRDs (config/crd/standard).
 * The result is cached as one JSON file keyed by all versions, so warm starts skip Go and Helm entirely.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { ensureBinary, runCommand, type Log } from './binaries.js';
import { cacheDir } from './paths.js';
import {
  CERT_MANAGER,
  GATEWAY_API,
  HELM,
  KUBE_APISERVER,
  VELERO,
  pinnedVersion,
  type UpstreamModule,
} from './versions.js';

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export interface UpstreamManifests {
  certManager: Manifest[];
  velero: Manifest[];
  gatewayApi: Manifest[];
}

/** Namespace the cert-manager chart is installed into (its documented default). */
export const CERT_MANAGER_NAMESPACE = 'cert-manager';
/** Helm release name: makes every name match the published static manifests (cert-manager, cert-manager-webhook, ...). */
const CERT_MANAGER_RELEASE = 'cert-manager';
/** The namespace Velero's objects (and the plugin's ConfigMap) live in. */
export const VELERO_NAMESPACE = 'velero';

/** Where a pinned module's extracted zip lives in Go's module cache (downloaded and verified if needed). */
async function moduleSourceDir(mod: UpstreamModule): Promise<string> {
  const out = await runCommand('go', ['mod', 'download', '-json', `${mod.module}@${mod.version}`], {
    // Outside any module, so only the checksum database vouches for the zip.
    cwd: tmpdir(),
    timeoutMs: 10 * 60_000,
    env: { ...process.env, GOFLAGS: '' },
  });
  const info = JSON.parse(out) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download ${mod.module}@${mod.version}: ${info.Error ?? 'no Dir'}`);
  return info.Dir;
}

export async function upstreamManifests(log: Log): Promise<UpstreamManifests> {
  const kubernetes = pinnedVersion(KUBE_APISERVER);
  const key = [
    `cert-manager-${CERT_MANAGER.version}`,
    `velero-${VELERO.version}`,
    `gateway-api-${GATEWAY_API.version}`,
    `kube-${kubernetes}`,
    `helm-${pinnedVersion(HELM)}`,
  ].join('_');
  const cached = join(cacheDir(), 'manifests', `${key}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as UpstreamManifests;

  log(`rendering upstream manifests (${key}); cached afterwards as ${cached}`);
  const manifests: UpstreamManifests = {
    certManager: await renderCertManagerChart(kubernetes, log),
    velero: crdsIn(await moduleSourceDir(VELERO), ['config/crd/v1/bases', 'config/crd/v2alpha1/bases']),
    gatewayApi: crdsIn(await moduleSourceDir(GATEWAY_API), ['config/crd/standard']),
  };
  for (const [name, list] of Object.entries(manifests)) {
    if ((list as Manifest[]).length === 0)
      throw new Error(`no ${name} manifests found: has the upstream layout changed?`);
  }
  mkdirSync(join(cacheDir(), 'manifests'), { recursive: true });
  const partial = `${cached}.${process.pid}`;
  writeFileSync(partial, JSON.stringify(manifests));
  renameSync(partial, cached);
  return manifests;
}

async function renderCertManagerChart(kubernetesVersion: string, log: Log): Promise<Manifest[]> {
  const helm = await ensureBinary(HELM, log);
  const source = join(await moduleSourceDir(CERT_MANAGER), 'deploy', 'charts', 'cert-manager');
  const work = mkdtempSync(join(tmpdir(), 'testenv-helm-'));
  try {
    // The module holds the chart as the release tooling leaves it (version v0.0.0, stamped at release
    // time); stamp it as the release does so labels and image tags say the real version.
    const chart = join(work, 'cert-manager');
    cpSync(source, chart, { recursive: true });
    const chartYaml = join(chart, 'Chart.yaml');
    writeFileSync(
      chartYaml,
      readFileSync(chartYaml, 'utf8')
        .replace(/^version:.*$/m, `version: ${CERT_MANAGER.version}`)
        .replace(/^appVersion:.*$/m, `appVersion: ${CERT_MANAGER.version}`),
    );
    const rendered = await runCommand(
      helm,
      [
        'template',
        CERT_MANAGER_RELEASE,
        chart,
        '--namespace',
        CERT_MANAGER_NAMESPACE,
        '--no-hooks',
        '--kube-version',
        kubernetesVersion,
        '--set',
        'crds.enabled=true',
      ],
      {
        timeoutMs: 120_000,
        env: {
          ...process.env,
          HELM_CACHE_HOME: join(work, 'cache'),
          HELM_CONFIG_HOME: join(work, 'config'),
          HELM_DATA_HOME: join(work, 'data'),
        },
      },
    );
    return parseDocuments(rendered);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function crdsIn(moduleDir: string, subdirs: string[]): Manifest[] {
  const crds: Manifest[] = [];
  for (const sub of subdirs) {
    const dir = join(moduleDir, sub);
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()) {
      crds.push(
        ...parseDocuments(readFileSync(join(dir, file), 'utf8')).filter((m) => m.kind === 'CustomResourceDefinition'),
      );
    }
  }
  return crds;
}

function parseDocuments(text: string): Manifest[] {
  return yaml.loadAll(text).filter((doc): doc is Manifest => typeof doc === 'object' && doc !== null && 'kind' in doc);
}
