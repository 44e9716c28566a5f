/**
 * The preflight against the real velero CLI: every line of the corpus (test/unit/preflight/corpus.ts) judged for
 * Velero 1.18 or 1.16 is run through the velero binary of that minor (the e2e's pinned v1.18.3 and v1.16.2, built
 * and cached by the harness), with a kubeconfig whose API server is unreachable (127.0.0.1:1), an empty HOME and
 * stdin, in an empty directory. Velero then either fails before it needs the cluster (cobra, pflag, Complete,
 * Validate: the class the preflight reports as "velero fails"), prints a group's help with exit code 0 (an unknown
 * subcommand), or gets as far as the cluster (or a local file the line names, such as --secret-file) and fails
 * there. The preflight must say the same:
 *   - velero fails before the cluster  =>  the preflight reports an error;
 *   - the preflight says "velero fails"  =>  velero fails before the cluster;
 *   - velero prints help (exit 0)  <=>  CMV019 alone.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintArgv } from '../../src/preflight/fix.js';
import { extractVeleroCommands } from '../../src/preflight/parse/shell.js';
import { parseVersion } from '../../src/preflight/version.js';
import { CORPUS } from '../unit/preflight/corpus.js';
import { ensureVelero } from './harness/tools.js';
import { VELERO_RELEASES } from './harness/versions.js';

type Outcome = 'fails' | 'help' | 'reaches the cluster';

/** What velero printed once it needed the cluster or a file of the user's: not a judgement on the command line. */
const BEYOND_VALIDATION =
  /127\.0\.0\.1:1|connection refused|dial tcp|no such file or directory|failed to get server groups|error finding Kubernetes API server config/i;

function runVelero(binary: string, args: string[], dir: string): Outcome {
  const result = spawnSync(binary, args, {
    cwd: dir,
    input: '',
    encoding: 'utf8',
    timeout: 60_000,
    env: { HOME: dir, KUBECONFIG: join(dir, 'kubeconfig'), PATH: '/usr/bin:/bin' },
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status === 0)
    return /^Usage:/m.test(result.stdout) && !args.includes('--help') ? 'help' : 'reaches the cluster';
  return BEYOND_VALIDATION.test(output) ? 'reaches the cluster' : 'fails';
}

const MINORS: Record<string, typeof VELERO_RELEASES.current> = {
  '1.18': VELERO_RELEASES.current,
  '1.16': VELERO_RELEASES.previous,
};

describe('e2e: the preflight agrees with the real velero CLI on every corpus line of 1.18 and 1.16', function () {
  const binaries: Record<string, string> = {};
  let dir = '';

  before(async function () {
    this.timeout(90 * 60_000);
    for (const [minor, release] of Object.entries(MINORS)) binaries[minor] = await ensureVelero(release);
    dir = mkdtempSync(join(tmpdir(), 'vcm-velero-cli-'));
    writeFileSync(
      join(dir, 'kubeconfig'),
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: x, cluster: {server: "https://127.0.0.1:1"}}]',
        'users: [{name: u, user: {token: t}}]',
        'contexts: [{name: x, context: {cluster: x, user: u}}]',
        'current-context: x',
      ].join('\n'),
    );
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const lines = CORPUS.filter(
    (entry) =>
      MINORS[entry.version.split('.').slice(0, 2).join('.')] !== undefined &&
      // A shell variable has no value here, and `velero bug` opens a browser.
      !entry.line.includes('$') &&
      !/^velero bug\b/.test(entry.line),
  );

  it(`runs enough lines to mean something (${lines.length})`, () => expect(lines.length).to.be.at.least(200));

  for (const entry of lines)
    it(`${entry.version} ${entry.line}`, function () {
      this.timeout(120_000);
      const version = parseVersion(entry.version);
      const argv = extractVeleroCommands(entry.line)[0]?.tokens.map((t) => t.text);
      expect(version, entry.version).to.not.equal(undefined);
      expect(argv, 'one velero command').to.not.equal(undefined);
      if (!version || !argv) return;
      const real = runVelero(binaries[entry.version.split('.').slice(0, 2).join('.')] ?? '', argv.slice(1), dir);
      const findings = lintArgv(argv, {
        veleroVersion: version,
        pluginInstalled: false,
        veleroNamespace: 'velero',
        clusterResourceNamespace: 'cert-manager',
      }).findings;
      const errors = findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.message}`);
      const saysFails = errors.filter((e) => e.includes('velero fails'));
      const ids = new Set(findings.map((f) => f.ruleId));
      if (real === 'fails') expect(errors, 'velero fails: the preflight reports an error').to.not.deep.equal([]);
      else expect(saysFails, `velero ${real}, yet the preflight says it fails`).to.deep.equal([]);
      expect(real === 'help', `velero ${real}; CMV019 ${ids.has('CMV019') ? 'reported' : 'not reported'}`).to.equal(
        ids.has('CMV019') && !ids.has('CMV001'),
      );
    });
});
