/** Velero versions as the preflight compares them ("1.18.1", "v1.17"). */
export interface Version {
  major: number;
  minor: number;
  patch: number;
}

/** The newest Velero release the rules know about; the default for --velero-version. */
export const NEWEST_KNOWN_VELERO = '1.18.3';
/** The oldest Velero release the plugin and the rules support (docs/supported-versions.md). */
export const OLDEST_SUPPORTED_VELERO = '1.12.0';

export function parseVersion(text: string): Version | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0) };
}

function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** True when `v` is at least `atLeast` (given as text such as "1.18.0"). */
export function versionAtLeast(v: Version, atLeast: string): boolean {
  const other = parseVersion(atLeast);
  if (!other) throw new Error(`bad version literal ${atLeast}`);
  return compareVersions(v, other) >= 0;
}

export function formatVersion(v: Version): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}
