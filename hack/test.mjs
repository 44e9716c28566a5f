#!/usr/bin/env node
// The project's single test command (`npm test`): runs every stage CI runs, in order, and ends with
// one line "N passed, N failed" that sums every test of every stage.
//
//   npm test                      every stage
//   npm test -- --only unit,go    just these stages (names below)
//   npm test -- --skip conformance
//   npm test -- --only build,fuzz --fuzz-long   the fuzz stage with 200,000 mutations instead of 10,000
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { existsSync as pathExists } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const listArg = (flag) => {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] ? args[i + 1].split(',') : undefined;
};
const only = listArg('--only');
const fuzzLong = args.includes('--fuzz-long');
const skip = listArg('--skip') ?? [];

/** Runs a command with inherited stdio (or a line callback for stdout) and resolves to its exit code. */
function run(cmd, cmdArgs, { env = {}, cwd = root, onLine } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', onLine ? 'pipe' : 'inherit', 'inherit'],
    });
    if (onLine) {
      let buffered = '';
      child.stdout.on('data', (chunk) => {
        buffered += chunk;
        let nl;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          onLine(buffered.slice(0, nl));
          buffered = buffered.slice(nl + 1);
        }
      });
      child.stdout.on('end', () => buffered && onLine(buffered));
    }
    child.on('error', (err) => {
      console.error(`${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** A stage that only has to succeed (build, lint): counts as one check. */
const check = (cmd, cmdArgs, opts) => async () => {
  const code = await run(cmd, cmdArgs, opts);
  return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
};

/** Runs a command whose mocha uses the summary reporter (MOCHA_SUMMARY_FILE); counts mocha's tests. */
async function mochaCounts(cmd, cmdArgs) {
  const dir = mkdtempSync(join(tmpdir(), 'mocha-summary-'));
  const summaryFile = join(dir, 'summary.json');
  const code = await run(cmd, cmdArgs, { env: { MOCHA_SUMMARY_FILE: summaryFile } });
  let summary = { passes: 0, failures: 0 };
  try {
    summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  } catch {
    // mocha died before its run ended: counted below as one failure
  }
  rmSync(dir, { recursive: true, force: true });
  // A non-zero exit with no failing test (mocha crashed, or coverage fell below its floor) is one failure.
  const failed = summary.failures + (code !== 0 && summary.failures === 0 ? 1 : 0);
  return { passed: summary.passes, failed };
}

/** Mocha with the summary reporter; counts its tests. */
const mocha =
  (specGlob, extra = []) =>
  () =>
    mochaCounts('npx', ['mocha', '--reporter', join(root, 'hack/mocha-summary-reporter.cjs'), ...extra, specGlob]);

/**
 * ESLint with zero warnings allowed, then knip (unused files, exports, dependencies): one check each.
 * Both run over the whole tree (eslint.config.js, knip.json).
 */
const lintStage = async () => {
  const results = [
    await check('npx', ['eslint', '--max-warnings', '0', '.'])(),
    await check('npx', ['knip', '--no-progress'])(),
  ];
  return results.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed }));
};

/** `go test -json` in a Go module, printed readably; counts top-level and sub-tests. */
const goTest =
  (dir, goArgs = [], env = {}) =>
  async () => {
    let passed = 0;
    let failed = 0;
    const code = await run('go', ['test', '-json', ...goArgs], {
      cwd: join(root, dir),
      env,
      onLine: (line) => {
        let ev;
        try {
          ev = JSON.parse(line);
        } catch {
          process.stdout.write(line + '\n');
          return;
        }
        if (ev.Action === 'output' && ev.Output) process.stdout.write(ev.Output);
        if (ev.Test && ev.Action === 'pass') passed++;
        if (ev.Test && ev.Action === 'fail') failed++;
      },
    });
    if (code !== 0 && failed === 0) failed = 1;
    return { passed, failed };
  };

/** npm audit of the runtime dependencies; exit 3 means the advisory endpoint was unreachable: skipped, never passed. */
const auditStage = async () => {
  const code = await run('node', ['hack/audit.mjs']);
  if (code === 3) return { passed: 0, failed: 0, skipped: 1 };
  return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
};

// Stages in the order CI runs them. Later stages still run after a failure, so one run shows everything.
// Packaging (issue 7): hack/build-plugin makes the plugin tree (skipped when its inputs are unchanged, see the
// cache key in the script), then test/packaging runs that tree in glibc-only chroots as Velero would.
const packagingStage = async () => {
  const built = await check('hack/build-plugin', [])();
  if (built.failed) return built;
  // --no-package: package.json's mocha spec (the unit tests) would otherwise be added to this run.
  // The arm64 tree too, cross-built (no code cache, not stripped); test/packaging runs it under QEMU.
  const builtArm =
    process.arch === 'x64'
      ? await check('hack/build-plugin', ['--arch', 'arm64', '--out', 'out/plugins-arm64'])()
      : { passed: 0, failed: 0 };
  const tests = await mocha('dist/test/packaging/**/*.test.js', ['--no-package'])();
  let passed = built.passed + builtArm.passed + tests.passed;
  let failed = builtArm.failed + tests.failed;
  // The conformance suite (Velero's own plugin client) drives the packaged executable inside roots holding
  // only one glibc, through chroot-env's wrapper (root only; CI runs as root): Debian 11's 2.31 (Velero
  // 1.12.0's base) with the oldest client the suite pins (v1.14), Debian 12's 2.36 (>= Ubuntu 22.04's 2.35,
  // Velero 1.12.1-1.18) with v1.18's.
  const conformance = join(root, 'test/conformance');
  const hasSuite = existsSync(conformance) && readdirSync(conformance).some((f) => f.endsWith('_test.go'));
  if (hasSuite && process.getuid?.() === 0) {
    for (const { suite, goArgs } of [
      { suite: 'bullseye', goArgs: ['-modfile=go.v1.14.mod'] },
      { suite: 'bookworm', goArgs: [] },
    ]) {
      console.log(
        `packaging: conformance suite (${goArgs.length ? 'Velero v1.14 client' : 'Velero v1.18 client'}) in a ${suite} glibc-only root`,
      );
      const envDir = mkdtempSync(join(tmpdir(), `vcm-conformance-${suite}-`));
      const made = await check('hack/packaging/chroot-env', [envDir, '--suite', suite, '--tree', 'out/plugins'])();
      if (made.failed) failed += 1;
      else {
        const result = await goTest('test/conformance', [...goArgs, '-count=1', '-timeout', '15m', './...'], {
          // The wrapper, under the plugin's name: wherever the suite installs it, the binary runs at that path.
          VCM_PLUGIN_EXECUTABLE: join(envDir, 'velero-plugin-for-cert-manager'),
        })();
        passed += result.passed;
        failed += result.failed;
      }
      rmSync(envDir, { recursive: true, force: true });
    }
  } else
    console.log(
      hasSuite
        ? 'packaging: conformance through the chroot needs root: skipped'
        : 'packaging: no conformance suite yet',
    );
  return { passed, failed };
};

/**
 * The conformance suite against one Velero client version. It tests $VCM_PLUGIN_EXECUTABLE, else the built
 * dist/src/plugin.js (built here when missing). -count=1: the plugin lives outside Go's test cache keys.
 */
const conformanceStage = (goArgs) => async () => {
  if (!process.env.VCM_PLUGIN_EXECUTABLE && !pathExists(join(root, 'dist/src/plugin.js'))) {
    const built = await check('npm', ['run', '--silent', 'build'])();
    if (built.failed) return built;
  }
  return goTest('test/conformance', [...goArgs, '-count=1', '-timeout', '15m', './...'])();
};

/**
 * The conformance suite's Cluster tests: Velero's plugin client drives the plugin while the plugin talks to
 * one real API server of the test environment (cert-manager installed, webhook opt-in) with every fixture
 * loaded; the plugin inherits KUBECONFIG and VELERO_NAMESPACE as it would the Velero server's environment.
 * Runs the v1.18 and v1.14 clients against the same environment, stopped afterwards even on failure.
 */
const conformanceClusterStage = async () => {
  for (const entry of ['dist/src/plugin.js', 'dist/test/integration/fixtures/cli.js']) {
    if (pathExists(join(root, entry))) continue;
    const built = await check('npm', ['run', '--silent', 'build'])();
    if (built.failed) return built;
  }
  const stateDir = mkdtempSync(join(tmpdir(), 'vcm-conformance-cluster-'));
  const cli = join(root, 'dist/test/integration/testenv/cli.js');
  let passed = 0;
  let failed = 0;
  try {
    let kubeconfig = '';
    const up = await run('node', [cli, 'up', '--state-dir', stateDir], {
      onLine: (line) => (kubeconfig = line.startsWith('KUBECONFIG=') ? line.slice('KUBECONFIG='.length) : kubeconfig),
    });
    if (up !== 0 || !kubeconfig) return { passed: 0, failed: 1 };
    let fixtures = '';
    const loaded = await run(
      'node',
      [join(root, 'dist/test/integration/fixtures/cli.js'), '--kubeconfig', kubeconfig, '--namespace', 'cc-fixtures'],
      { onLine: (line) => (fixtures += line) },
    );
    if (loaded !== 0) return { passed: 0, failed: 1 };
    const fixturesFile = join(stateDir, 'fixtures.json');
    writeFileSync(fixturesFile, fixtures);
    for (const goArgs of [[], ['-modfile=go.v1.14.mod']]) {
      console.log(`conformance-cluster: Velero ${goArgs.length ? 'v1.14' : 'v1.18'} client`);
      const result = await goTest(
        'test/conformance',
        [...goArgs, '-count=1', '-timeout', '10m', '-run', 'Cluster', '.'],
        {
          KUBECONFIG: kubeconfig,
          VCM_CLUSTER_FIXTURES: fixturesFile,
        },
      )();
      passed += result.passed;
      failed += result.failed;
    }
  } finally {
    await run('node', [cli, 'down', '--state-dir', stateDir]);
    rmSync(stateDir, { recursive: true, force: true });
  }
  return { passed, failed };
};

// Coverage (hack/coverage.mjs): the unit stage keeps this run's V8 coverage here and the integration stage adds
// to it, so the integration stage reports and enforces unit + integration together. Removed when the run ends.
const coverageDir = join(tmpdir(), `vcm-coverage-${process.pid}`);
process.on('exit', () => rmSync(coverageDir, { recursive: true, force: true }));
const unitStageRuns = (!only || only.includes('unit')) && !skip.includes('unit');

const stages = [
  { name: 'build', run: check('npm', ['run', '--silent', 'build']) },
  // The unit suite with coverage: mochaCounts counts its tests, then the coverage per folder of src/ is printed;
  // a figure below the floor in .c8rc.json fails the stage.
  { name: 'unit', run: () => mochaCounts('node', ['hack/coverage.mjs', '--suites', 'unit', '--keep', coverageDir]) },
  { name: 'rule-docs', run: check('node', ['hack/gen-rule-docs.mjs', '--check']) },
  // Seeded fuzzing of the plugin process through its gRPC server (test/fuzz): the cases of issue 20 replayed, then
  // 10,000 mutated real items (about 40 s; --fuzz-long: 200,000). Seed: VCM_FUZZ_SEED (default 20).
  {
    name: 'fuzz',
    run: () =>
      mochaCounts('env', [
        ...(fuzzLong ? ['VCM_FUZZ_LONG=1'] : []),
        'npx',
        'mocha',
        '--no-package',
        '--reporter',
        join(root, 'hack/mocha-summary-reporter.cjs'),
        'dist/test/fuzz/**/*.test.js',
      ]),
  },
  // Every velero command the user docs show lints clean with the built checker (issue 19): README first.
  {
    name: 'docs-lint',
    run: check('node', [
      'dist/src/preflight/cli.js',
      '--fail-if-nothing-checked',
      'README.md',
      'docs/development.md',
      'docs/examples/preflight-workflow.yml',
    ]),
  },
  // Velero's own plugin client code drives the plugin (test/conformance): v1.18.x (go.mod) and v1.14.x (go.v1.14.mod).
  { name: 'conformance-v1.18', run: conformanceStage([]) },
  { name: 'conformance-v1.14', run: conformanceStage(['-modfile=go.v1.14.mod']) },
  // The same suite's Cluster tests against a real API server with the fixtures loaded (both clients).
  { name: 'conformance-cluster', run: conformanceClusterStage },
  // Real etcd + kube-apiserver with cert-manager's chart and Velero's CRDs (hack/testenv/README.md), with
  // coverage added to the unit stage's: prints the unit + integration coverage per folder and fails below the
  // floor in .c8rc.combined.json. Run without the unit stage, it prints integration-only figures, no floor.
  {
    name: 'integration',
    run: () =>
      mochaCounts('node', [
        'hack/coverage.mjs',
        '--suites',
        'integration',
        ...(unitStageRuns ? ['--add-to', coverageDir] : ['--keep', coverageDir]),
      ]),
  },
  { name: 'boundaries', run: check('node', ['hack/check-boundaries.mjs']) },
  { name: 'lint', run: lintStage },
  { name: 'format', run: check('npx', ['prettier', '--check', '.']) },
  { name: 'audit', run: auditStage },
  { name: 'packaging', run: packagingStage },
  // Benchmarks (hack/bench, docs/benchmarks.md) with few iterations: every row runs, no speed is asserted.
  { name: 'bench-quick', run: check('node', ['hack/bench/run.mjs', '--quick', '--no-build']) },
  // End to end (hack/e2e/README.md): real Velero servers (v1.18.3, v1.16.2; v1.18.1 opt-in) with the packaged plugin and a control
  // without it, moto as the object store, fresh API servers per restore. Tools are cached; see README for timings.
  // --exit: keep-alive sockets to the stopped API servers must not hold the run open.
  { name: 'e2e', run: mocha('dist/test/e2e/**/*.test.js', ['--no-package', '--exit', '--timeout', '600000']) },
];

let passed = 0;
let failed = 0;
let skipped = 0;
const started = Date.now();
for (const stage of stages) {
  if ((only && !only.includes(stage.name)) || skip.includes(stage.name)) continue;
  console.log(`\n=== ${stage.name} ===`);
  const t0 = Date.now();
  const result = await stage.run();
  passed += result.passed;
  failed += result.failed;
  skipped += result.skipped ?? 0;
  console.log(
    `=== ${stage.name}: ${result.passed} passed, ${result.failed} failed${result.skipped ? `, ${result.skipped} skipped` : ''} (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
}
console.log(`\n(total ${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
