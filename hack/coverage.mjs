#!/usr/bin/env node
// Code coverage of src/ by the mocha suites, measured with c8 on the compiled JavaScript and mapped back to the
// TypeScript through source maps, then summed per folder of src/. Fails when a figure drops below the floor
// in .c8rc.json (the project only ever raises the floor; see CONTRIBUTING.md).
//
//   npm run coverage                      unit tests (package.json "mocha".spec)
//   npm run coverage -- --integration     unit tests, then the integration suite (needs its test environment)
//
// Child processes count too: a test that spawns the plugin binary adds what that process ran.
// Writes coverage/coverage-summary.json; `npx c8 report -r html` afterwards gives a browsable report.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rc = JSON.parse(readFileSync(join(root, '.c8rc.json'), 'utf8'));
const METRICS = ['lines', 'branches', 'functions', 'statements'];
const bin = join(root, 'node_modules', '.bin');

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
  const files = listJs(join(root, 'dist', 'src'));
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

const excludes = [...(rc.exclude ?? []), ...filesToSkip()];
/** The suites, as hack/test.mjs runs them: mocha arguments each. */
const SUITES = {
  unit: [],
  // --exit: a suite that leaves a handle open is the test stage's finding; here it must not hang the report.
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

/** Child mode, under c8: run the named suites one after the other; exit non-zero if any failed. */
if (process.argv[2] === '--run-suites') {
  let failed = 0;
  for (const name of process.argv[3].split(',')) {
    console.log(`\n=== coverage: ${name} tests ===`);
    // Under hack/test.mjs (MOCHA_SUMMARY_FILE set), mocha reports through the summary reporter so the test driver
    // can count its tests.
    const reporter = process.env.MOCHA_SUMMARY_FILE
      ? ['--reporter', join(root, 'hack', 'mocha-summary-reporter.cjs')]
      : [];
    const result = spawnSync(join(bin, 'mocha'), [...reporter, ...SUITES[name]], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) failed++;
  }
  process.exit(failed === 0 ? 0 : 1);
}

const suites = process.argv.includes('--integration') ? 'unit,integration' : 'unit';
const c8Args = [
  ...excludes.flatMap((e) => ['--exclude', e]),
  process.execPath,
  fileURLToPath(import.meta.url),
  '--run-suites',
  suites,
];
const summaryFile = join(root, rc['reports-dir'] ?? 'coverage', 'coverage-summary.json');
rmSync(summaryFile, { force: true });
const code = await new Promise((resolve) => {
  const child = spawn(join(bin, 'c8'), c8Args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` },
  });
  child.on('error', (err) => {
    console.error(`coverage: cannot run c8: ${err.message}`);
    resolve(127);
  });
  child.on('close', (c) => resolve(c ?? 1));
});

if (!existsSync(summaryFile)) {
  console.error(`coverage: no ${relative(root, summaryFile)} was written`);
  process.exit(code || 1);
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
rows.push(['floor (.c8rc.json)', '', ...METRICS.map((m) => (rc[m] === undefined ? '-' : String(rc[m])))]);
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log('\nCoverage per folder (% of lines, branches, functions, statements):');
for (const [i, row] of rows.entries()) {
  console.log(row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join('  '));
  if (i === 0 || i === rows.length - 3) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
process.exit(code);
