#!/usr/bin/env node
// Code coverage of src/ by the mocha suites: Node's own V8 coverage of every process the tests run (the test
// process and the plugin or preflight processes it spawns, through NODE_V8_COVERAGE), reported by c8 on the
// compiled JavaScript, mapped back to the TypeScript through source maps, and summed per folder of src/.
// Fails when a figure drops below the floor for the suites measured (the project only ever raises a floor;
// see CONTRIBUTING.md):
//
//   unit tests                  .c8rc.json
//   unit + integration tests    .c8rc.combined.json
//   integration tests alone     no floor (said so in the output)
//
//   npm run coverage                                   unit tests (package.json "mocha".spec)
//   npm run coverage -- --integration                  unit tests, then the integration suite (needs its test
//                                                      environment); combined figures and floor
//   node hack/coverage.mjs --suites unit --keep DIR    what npm test's unit stage runs: measures, keeps the
//                                                      coverage in DIR for a later --add-to
//   node hack/coverage.mjs --suites integration --add-to DIR
//                                                      what npm test's integration stage runs after the unit
//                                                      stage: adds to DIR and reports the merged figures
//
// Without --keep or --add-to the coverage is kept in coverage/raw (emptied first). Writes
// coverage/coverage-summary.json; `npx c8 report -r html --temp-directory coverage/raw/v8` afterwards gives a
// browsable report.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rc = JSON.parse(readFileSync(join(root, '.c8rc.json'), 'utf8'));
const METRICS = ['lines', 'branches', 'functions', 'statements'];
const bin = join(root, 'node_modules', '.bin');
const measuredDir = resolve(root, rc.src?.[0] ?? 'dist/src');
const reportsDir = join(root, rc['reports-dir'] ?? 'coverage');

/** The suites, as npm test runs them: mocha arguments each. */
const SUITES = {
  unit: [],
  // Real etcd + kube-apiserver with cert-manager's chart and Velero's CRDs (hack/testenv/README.md). --exit: the
  // Kubernetes client's keep-alive sockets must not hold the run open once the environment is stopped.
  integration: [
    '--no-package',
    '--exit',
    '--require',
    'dist/test/integration/hooks.js',
    '--timeout',
    '120000',
    'dist/test/integration/**/*.test.js',
  ],
};

/** The floor for a set of measured suites (sorted names joined by '+'), and the file it is kept in. */
const FLOORS = {
  unit: '.c8rc.json',
  'integration+unit': '.c8rc.combined.json',
};

function usage(message) {
  console.error(`coverage: ${message}`);
  console.error('usage: hack/coverage.mjs [--integration | --suites unit,integration] [--keep DIR | --add-to DIR]');
  process.exit(2);
}

function parseArgs(argv) {
  const options = { suites: ['unit'], keep: undefined, addTo: undefined };
  for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i] ?? usage(`${argv[i - 1]} needs a value`);
    switch (argv[i]) {
      case '--integration':
        options.suites = ['unit', 'integration'];
        break;
      case '--suites':
        options.suites = value().split(',');
        break;
      case '--keep':
        options.keep = resolve(value());
        break;
      case '--add-to':
        options.addTo = resolve(value());
        break;
      default:
        usage(`unknown argument ${argv[i]}`);
    }
  }
  for (const suite of options.suites) if (!(suite in SUITES)) usage(`unknown suite ${suite}`);
  if (options.keep && options.addTo) usage('--keep and --add-to exclude each other');
  return options;
}

function listJs(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) listJs(full, out);
    else if (entry.name.endsWith('.js')) out.push(relative(root, full).split(sep).join(posix.sep));
  }
  return out;
}

/**
 * Compiled files that would distort the figures under c8's `all` mode: type-only modules (their JavaScript is an
 * empty `export {}`, yet c8 would count every line of the TypeScript as uncovered) and stale output whose
 * TypeScript sources are gone. Sources come from each file's source map, so esbuild's bundles and chunks
 * (the preflight CLI) count towards the TypeScript files they were built from.
 */
function filesToSkip() {
  const files = listJs(measuredDir);
  const orphans = new Set(unreachableChunks(files));
  return files.filter((file) => {
    if (orphans.has(file)) return true;
    if (!sourcesOf(file).some((source) => existsSync(source))) return true;
    const code = readFileSync(join(root, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '')
      .replace(/export\s*\{\s*\};?/g, '')
      .trim();
    return code === '';
  });
}

/**
 * esbuild chunks (files under a chunks/ folder) that no current bundle imports: left over from earlier builds,
 * since esbuild does not empty its output folder. Counting them would add their old code as never run.
 */
function unreachableChunks(files) {
  const chunks = new Set(files.filter((file) => file.split('/').includes('chunks')));
  const reached = new Set();
  const queue = files.filter((file) => !chunks.has(file));
  while (queue.length > 0) {
    const file = queue.pop();
    const text = readFileSync(join(root, file), 'utf8');
    for (const m of text.matchAll(/["'](\.{1,2}\/[\w./-]+\.js)["']/g)) {
      const target = posix.normalize(posix.join(posix.dirname(file), m[1]));
      if (chunks.has(target) && !reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  return [...chunks].filter((chunk) => !reached.has(chunk));
}

/** Absolute paths of the sources a compiled file's source map names (none without a map). */
function sourcesOf(file) {
  const map = join(root, `${file}.map`);
  if (!existsSync(map)) return [];
  try {
    const { sources = [], sourceRoot = '' } = JSON.parse(readFileSync(map, 'utf8'));
    return sources.map((source) => resolve(dirname(map), sourceRoot, source));
  } catch {
    return [];
  }
}

/**
 * Identifies the compiled code being measured (paths and contents of dist/src's JavaScript): coverage kept by one
 * run can only be added to by a run over the same code, or the merged figures would describe no real build.
 * Contents, not modification times: a rebuild that writes the same code changes nothing.
 */
function buildFingerprint() {
  const hash = createHash('sha256');
  for (const file of listJs(measuredDir).sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Whether a script URL of V8's coverage names compiled code under dist/src (the only code c8 reports). */
function isMeasured(url) {
  let path;
  if (url.startsWith('file://')) path = fileURLToPath(url);
  else if (isAbsolute(url)) path = url;
  else return false;
  return path.startsWith(measuredDir + sep);
}

/**
 * Moves each process's V8 coverage from `incoming` to `target`, keeping only the scripts (and their cached source
 * maps) under dist/src. A test process's raw coverage also holds every dependency it loaded (TypeScript, ESLint,
 * gRPC, ...): about 230 MB for the unit suite against 4 MB kept, so reporting, now and when a later run adds to
 * this one, reads a fiftieth of the data.
 */
function keepMeasuredScripts(incoming, target) {
  mkdirSync(target, { recursive: true });
  let processes = 0;
  const mapsKept = new Set();
  for (const name of existsSync(incoming) ? readdirSync(incoming) : []) {
    if (!name.endsWith('.json')) continue;
    let coverage;
    try {
      coverage = JSON.parse(readFileSync(join(incoming, name), 'utf8'));
    } catch {
      continue; // a process killed while writing its coverage: nothing usable
    }
    if (!Array.isArray(coverage.result)) continue;
    const result = coverage.result.filter((script) => isMeasured(script.url));
    if (result.length === 0) continue;
    // Every process caches the same maps of the same build (the preflight bundle's hold its sources): c8 merges
    // the caches of all files into one, so one copy of each is enough.
    const sourceMaps = Object.entries(coverage['source-map-cache'] ?? {}).filter(
      ([url]) => isMeasured(url) && !mapsKept.has(url),
    );
    for (const [url] of sourceMaps) mapsKept.add(url);
    writeFileSync(
      join(target, name),
      JSON.stringify({
        result,
        timestamp: coverage.timestamp,
        ...(sourceMaps.length > 0 ? { 'source-map-cache': Object.fromEntries(sourceMaps) } : {}),
      }),
    );
    processes++;
  }
  rmSync(incoming, { recursive: true, force: true });
  return processes;
}

/** Runs a command with inherited stdio; resolves to its exit code. */
function run(cmd, args, env = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, ...env },
    });
    child.on('error', (err) => {
      console.error(`coverage: cannot run ${cmd}: ${err.message}`);
      resolvePromise(127);
    });
    child.on('close', (code) => resolvePromise(code ?? 1));
  });
}

/**
 * Runs the suites one after the other with V8 coverage written to `incoming`. Under hack/test.mjs
 * (MOCHA_SUMMARY_FILE set) mocha reports through the summary reporter and the counts of all suites are summed
 * into that file, so the test driver counts every test exactly once. Resolves to the number of failed suites.
 */
async function runSuites(suites, incoming) {
  const summaryFile = process.env.MOCHA_SUMMARY_FILE;
  const reporter = summaryFile ? ['--reporter', join(root, 'hack', 'mocha-summary-reporter.cjs')] : [];
  const total = { passes: 0, failures: 0, pending: 0 };
  let failed = 0;
  for (const name of suites) {
    console.log(`\n=== coverage: ${name} tests ===`);
    const suiteSummary = summaryFile ? `${summaryFile}.${name}` : undefined;
    const code = await run(join(bin, 'mocha'), [...reporter, ...SUITES[name]], {
      NODE_V8_COVERAGE: incoming,
      ...(suiteSummary ? { MOCHA_SUMMARY_FILE: suiteSummary } : {}),
    });
    if (code !== 0) failed++;
    if (suiteSummary && existsSync(suiteSummary)) {
      const counts = JSON.parse(readFileSync(suiteSummary, 'utf8'));
      for (const key of Object.keys(total)) total[key] += counts[key] ?? 0;
      rmSync(suiteSummary, { force: true });
    }
  }
  if (summaryFile) writeFileSync(summaryFile, JSON.stringify(total));
  return failed;
}

/**
 * The coverage kept by an earlier run in `dir` (its suites and build), or a reason it cannot be added to.
 */
function readKept(dir, build) {
  const manifest = join(dir, 'suites.json');
  if (!existsSync(manifest))
    return { problem: `cannot add to the coverage in ${dir}: it holds none of an earlier run (no suites.json)` };
  let kept;
  try {
    kept = JSON.parse(readFileSync(manifest, 'utf8'));
  } catch (err) {
    return { problem: `${manifest} is unreadable: ${err.message}` };
  }
  if (!Array.isArray(kept.suites) || kept.suites.length === 0) return { problem: `${manifest} names no suites` };
  if (kept.build !== build)
    return {
      problem: `the coverage in ${dir} (${kept.suites.join(' + ')} tests) was measured on another build of dist/src; measure it again`,
    };
  return { suites: kept.suites };
}

const options = parseArgs(process.argv.slice(2));
const store = options.addTo ?? options.keep ?? join(reportsDir, 'raw');
const v8Dir = join(store, 'v8');
const build = buildFingerprint();
let keptSuites = [];
let storeProblem;
if (options.addTo) {
  const kept = readKept(store, build);
  storeProblem = kept.problem;
  keptSuites = kept.suites ?? [];
} else {
  rmSync(store, { recursive: true, force: true });
}
// The tests run even when the kept coverage is unusable: their results count on their own.
const incoming = join(store, `incoming-${process.pid}`);
rmSync(incoming, { recursive: true, force: true });
mkdirSync(incoming, { recursive: true });
const failedSuites = await runSuites(options.suites, incoming);
// A build while the tests ran (another shell, an editor's watch mode) leaves coverage of two different programs.
if (!storeProblem && buildFingerprint() !== build)
  storeProblem =
    'dist/src changed while the tests ran (a build in the meantime?): the figures would mix two builds; measure again';
if (storeProblem) {
  // Left as it was: this run's coverage would not belong with it.
  rmSync(incoming, { recursive: true, force: true });
  console.error(`\ncoverage: ${storeProblem}`);
  process.exit(1);
}
const started = Date.now();
const processes = keepMeasuredScripts(incoming, v8Dir);
const suites = [...new Set([...keptSuites, ...options.suites])].sort();
writeFileSync(join(store, 'suites.json'), JSON.stringify({ suites, build }) + '\n');

const summaryFile = join(reportsDir, 'coverage-summary.json');
rmSync(summaryFile, { force: true });
const excludes = [...(rc.exclude ?? []), ...filesToSkip()];
const reported = await run(join(bin, 'c8'), [
  'report',
  '--temp-directory',
  v8Dir,
  '--reporter',
  'json-summary',
  '--check-coverage=false',
  ...excludes.flatMap((e) => ['--exclude', e]),
]);
if (!existsSync(summaryFile)) {
  console.error(`coverage: c8 wrote no ${relative(root, summaryFile)} (exit code ${reported})`);
  process.exit(1);
}
const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));

/** Folder of a covered file, relative to the repository: src/host, src/preflight/parse, ... */
const folderOf = (file) => posix.dirname(relative(root, file).split(sep).join(posix.sep));
const folders = new Map();
for (const [file, figures] of Object.entries(summary)) {
  if (file === 'total') continue;
  const folder = folderOf(file);
  const sums = folders.get(folder) ?? {
    files: 0,
    ...Object.fromEntries(METRICS.map((m) => [m, { covered: 0, total: 0 }])),
  };
  sums.files++;
  for (const m of METRICS) {
    sums[m].covered += figures[m].covered;
    sums[m].total += figures[m].total;
  }
  folders.set(folder, sums);
}

const floorFile = FLOORS[suites.join('+')];
const floor = floorFile ? JSON.parse(readFileSync(join(root, floorFile), 'utf8')) : undefined;
const pct = ({ covered, total }) => (total === 0 ? '-' : ((100 * covered) / total).toFixed(1));
const rows = [['folder', 'files', ...METRICS]];
for (const [folder, sums] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
  rows.push([folder, String(sums.files), ...METRICS.map((m) => pct(sums[m]))]);
}
rows.push([
  'all',
  String([...folders.values()].reduce((n, s) => n + s.files, 0)),
  ...METRICS.map((m) => pct(summary.total[m])),
]);
rows.push(
  floor
    ? [`floor (${floorFile})`, '', ...METRICS.map((m) => (floor[m] === undefined ? '-' : String(floor[m])))]
    : ['floor', '', ...METRICS.map(() => 'none')],
);
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log(
  `\nCoverage per folder, ${suites.join(' + ')} tests (% of lines, branches, functions, statements; ` +
    `${processes} processes measured by this run, reported in ${((Date.now() - started) / 1000).toFixed(1)} s):`,
);
for (const [i, row] of rows.entries()) {
  console.log(row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join('  '));
  if (i === 0 || i === rows.length - 3) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}

let belowFloor = 0;
if (floor) {
  for (const m of METRICS) {
    if (floor[m] === undefined || summary.total[m].pct >= floor[m]) continue;
    console.error(`coverage: ${m} ${summary.total[m].pct}% is below the floor of ${floor[m]}% in ${floorFile}`);
    belowFloor++;
  }
} else {
  console.log(
    `coverage: ${suites.join(' + ')} tests alone have no floor (${Object.entries(FLOORS)
      .map(([set, file]) => `${set.split('+').join(' + ')}: ${file}`)
      .join('; ')}); ` + 'npm test runs the unit stage first and checks the combined floor',
  );
}
process.exit(failedSuites > 0 || belowFloor > 0 || reported !== 0 ? 1 : 0);
