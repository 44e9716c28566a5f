/**
 * Pinned versions of everything the end-to-end suite runs. Velero's own version is pinned by the Go
 * module of its wrapper under hack/e2e/velero-v<minor>/ (go.mod), and named here for the cache key
 * and the reports.
 */
export interface VeleroRelease {
  /** The Velero tag, also stamped into the binary (velero version). */
  version: string;
  /** Go module directory (relative to the repo root) that builds this release's velero binary. */
  module: string;
  /** Whether this release honours velero.io/skip-from-backup (1.18.1+): decides where items are dropped. */
  honoursSkipFromBackup: boolean;
  /** Whether RBAC is in the default restore order (1.18.0+). */
  rbacInDefaultRestoreOrder: boolean;
}

export const VELERO_RELEASES: Record<'current' | 'previous', VeleroRelease> = {
  current: {
    version: 'v1.18.3',
    module: 'hack/e2e/velero-v1.18',
    honoursSkipFromBackup: true,
    rbacInDefaultRestoreOrder: true,
  },
  previous: {
    version: 'v1.16.2',
    module: 'hack/e2e/velero-v1.16',
    honoursSkipFromBackup: false,
    rbacInDefaultRestoreOrder: false,
  },
};

/**
 * Velero v1.18.1, only for its namespace-wildcard expansion (Velero issue 9869, fixed in v1.18.2): the
 * opt-in test/e2e/velero-1-18-1-wildcard.test.ts (E2E_VELERO_1_18_1=1) runs it; the default suite never
 * builds it.
 */
export const VELERO_1_18_1: VeleroRelease = {
  ...VELERO_RELEASES.current,
  version: 'v1.18.1',
  module: 'hack/e2e/velero-v1.18.1',
};

/** The object-store plugin Velero needs for an S3 API (works with both releases above). */
export const AWS_PLUGIN = { module: 'github.com/vmware-tanzu/velero-plugin-for-aws', version: 'v1.14.3' };

/** The S3-compatible object store: moto's server mode, from PyPI, in a venv under the cache dir. */
export const MOTO = { version: '5.2.5' };
