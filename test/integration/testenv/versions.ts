/**
 * Every upstream version the test environment uses, in one place. The binaries' versions are the pins in
 * hack/testenv/<binary>/go.mod (read at run time, so the go.mod stays the single source); the manifests
 * come from upstream Go module zips at the versions below (verified by Go's checksum database).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

export interface UpstreamModule {
  module: string;
  version: string;
}

/** cert-manager: CRDs from deploy/crds, install manifests rendered from deploy/charts/cert-manager. */
export const CERT_MANAGER: UpstreamModule = { module: 'github.com/cert-manager/cert-manager', version: 'v1.21.2' };
/** Velero: CRDs from config/crd/v1/bases and config/crd/v2alpha1/bases. */
export const VELERO: UpstreamModule = { module: 'github.com/vmware-tanzu/velero', version: 'v1.18.3' };
/** Gateway API: standard-channel CRDs from config/crd/standard (Gateways for gateway-shim fixtures). */
export const GATEWAY_API: UpstreamModule = { module: 'sigs.k8s.io/gateway-api', version: 'v1.6.3' };

/** A binary built from a pinned Go module in hack/testenv/<dir>. */
export interface BinarySpec {
  /** Executable name. */
  name: string;
  /** Directory under hack/testenv holding the go.mod that pins it. */
  moduleDir: string;
  /** The module whose version keys the cache. */
  module: string;
  /** Go package path to build. */
  packagePath: string;
  /** -ldflags -X settings that stamp the version, given the pinned version. */
  versionFlags(version: string): string[];
  /**
   * Files of hack/testenv/<moduleDir> that are the project's own source (a wrapper main): their content
   * is part of the cache key, so editing the wrapper rebuilds the binary instead of reusing a stale one.
   */
  ownSources?: string[];
}

export const KUBE_APISERVER: BinarySpec = {
  name: 'kube-apiserver',
  moduleDir: 'apiserver',
  module: 'k8s.io/kubernetes',
  packagePath: 'k8s.io/kubernetes/cmd/kube-apiserver',
  versionFlags(version) {
    const [major, minor] = version.replace(/^v/, '').split('.');
    return [
      `-X k8s.io/component-base/version.gitVersion=${version}`,
      `-X k8s.io/component-base/version.gitMajor=${major}`,
      `-X k8s.io/component-base/version.gitMinor=${minor}`,
      `-X k8s.io/client-go/pkg/version.gitVersion=${version}`,
    ];
  },
};

export const ETCD: BinarySpec = {
  name: 'etcd',
  moduleDir: 'etcd',
  module: 'go.etcd.io/etcd/server/v3',
  packagePath: 'go.etcd.io/etcd/server/v3',
  versionFlags: () => [],
};

export const HELM: BinarySpec = {
  name: 'helm',
  moduleDir: 'helm',
  module: 'helm.sh/helm/v3',
  packagePath: 'helm.sh/helm/v3/cmd/helm',
  versionFlags: (version) => [`-X helm.sh/helm/v3/internal/version.version=${version}`],
};

/**
 * cert-manager's controller: its cmd/controller module is not on the module proxy, so a wrapper main
 * (hack/testenv/cert-manager-controller/main.go) assembles the real controllers from the pinned main
 * module's public packages.
 */
export const CERT_MANAGER_CONTROLLER: BinarySpec = {
  name: 'cert-manager-controller',
  moduleDir: 'cert-manager-controller',
  module: 'github.com/cert-manager/cert-manager',
  packagePath: '.',
  versionFlags: (version) => [`-X github.com/cert-manager/cert-manager/pkg/util.AppVersion=${version}`],
  ownSources: ['main.go', 'go.mod', 'go.sum'],
};

/**
 * cert-manager's controller from an older release (v1.15.x), for the compatibility table
 * (docs/compatibility.md): the same wrapper adapted to that release's pkg/controller API, in its own
 * module with that release's Kubernetes dependencies. Only built when a run asks for it
 * (E2E_CERT_MANAGER=old).
 */
export const CERT_MANAGER_CONTROLLER_OLD: BinarySpec = {
  ...CERT_MANAGER_CONTROLLER,
  moduleDir: 'cert-manager-controller-v1.15',
};

/**
 * cert-manager's webhook: its cmd/webhook module is not on the module proxy and its admission chain is in
 * the main module's internal/ packages, so the wrapper (hack/testenv/cert-manager-webhook/main.go) has a
 * module path under cert-manager's, which Go allows to import them, and serves that chain on loopback.
 */
export const CERT_MANAGER_WEBHOOK: BinarySpec = {
  ...CERT_MANAGER_CONTROLLER,
  name: 'cert-manager-webhook',
  moduleDir: 'cert-manager-webhook',
};

/**
 * Pebble, Let's Encrypt's small ACME test server: the CA of the ACME Issuer in the outcome scenarios,
 * on loopback, validating DNS-01 against the test DNS server (bind9's named).
 */
export const PEBBLE: BinarySpec = {
  name: 'pebble',
  moduleDir: 'pebble',
  module: 'github.com/letsencrypt/pebble/v2',
  packagePath: 'github.com/letsencrypt/pebble/v2/cmd/pebble',
  versionFlags: () => [],
};

/** The version of `module` required by hack/testenv/<moduleDir>/go.mod. */
export function pinnedVersion(spec: BinarySpec): string {
  const goMod = readFileSync(join(repoRoot(), 'hack', 'testenv', spec.moduleDir, 'go.mod'), 'utf8');
  const escaped = spec.module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, 'm').exec(goMod);
  if (!match?.[1]) throw new Error(`hack/testenv/${spec.moduleDir}/go.mod does not require ${spec.module}`);
  return match[1];
}

/** All pinned versions, for logs and the README. */
export function allVersions(): Record<string, string> {
  return {
    kubernetes: pinnedVersion(KUBE_APISERVER),
    etcd: pinnedVersion(ETCD),
    helm: pinnedVersion(HELM),
    certManagerController: pinnedVersion(CERT_MANAGER_CONTROLLER),
    pebble: pinnedVersion(PEBBLE),
    certManager: CERT_MANAGER.version,
    velero: VELERO.version,
    gatewayApi: GATEWAY_API.version,
  };
}
