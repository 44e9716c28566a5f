#!/usr/bin/env node
// How far the tree is from `npm run lint` and `npm run format:check` passing: ESLint problems per folder and
// rule, knip findings (unused files, exports, dependencies) per kind, and files Prettier would reformat.
// Informational only: always exits 0 and changes no file.
//
//   node hack/lint-report.mjs
import { spawnSync } from 'node:child_process';
import { delimiter, dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
const run = (cmd, args) =>
  spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 540_000 });

/** src/host/x.ts -> src/host; test/unit/a/b.test.ts -> test/unit/a; hack/x.mjs -> hack; x.js -> . */
const folderOf = (file) => {
  const parts = relative(root, file).split(sep).join(posix.sep).split('/').slice(0, -1);
  return parts.slice(0, parts[0] === 'test' ? 3 : 2).join('/') || '.';
};
const bump = (map, key, by = 1) => map.set(key, (map.get(key) ?? 0) + by);
const table = (title, map) => {
  console.log(`\n${title}`);
  if (map.size === 0) console.log('  (none)');
  const width = Math.max(0, ...[...map.keys()].map((k) => k.length));
  for (const [key, n] of [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    console.log(`  ${key.padEnd(width)}  ${String(n).padStart(5)}`);
  }
};

// ESLint
const eslint = run('eslint', ['--format', 'json', '.']);
try {
  const results = JSON.parse(eslint.stdout);
  const perFolder = new Map();
  const perRule = new Map();
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  for (const r of results) {
    if (r.errorCount + r.warningCount === 0) continue;
    errors += r.errorCount;
    warnings += r.warningCount;
    fixable += r.fixableErrorCount + r.fixableWarningCount;
    bump(perFolder, folderOf(r.filePath), r.errorCount + r.warningCount);
    for (const m of r.messages) bump(perRule, m.ruleId ?? '(parse error)');
  }
  table(
    `ESLint: ${errors} errors, ${warnings} warnings (${fixable} fixable by --fix) in ${results.length} files, per folder`,
    perFolder,
  );
  table('ESLint, per rule', perRule);
} catch {
  console.log(`\nESLint did not report JSON (exit ${eslint.status}):\n${eslint.stderr || eslint.stdout}`);
}

// knip: each issue row is one file with arrays of findings per kind.
const knip = run('knip', ['--reporter', 'json', '--no-exit-code']);
try {
  const report = JSON.parse(knip.stdout);
  const perKind = new Map();
  const perFolder = new Map();
  for (const file of report.files ?? []) {
    bump(perKind, 'files');
    bump(perFolder, folderOf(join(root, file)));
  }
  for (const issue of report.issues ?? []) {
    for (const [kind, found] of Object.entries(issue)) {
      const n = Array.isArray(found)
        ? found.length
        : found && typeof found === 'object'
          ? Object.keys(found).length
          : 0;
      if (n === 0 || kind === 'owners') continue;
      if (kind === 'files' && (report.files ?? []).length > 0) continue;
      bump(perKind, kind, n);
      bump(perFolder, folderOf(join(root, issue.file)), n);
    }
  }
  table('knip findings, per kind', perKind);
  table('knip findings, per folder', perFolder);
} catch {
  console.log(`\nknip did not report JSON (exit ${knip.status}):\n${knip.stderr || knip.stdout}`);
}

// Prettier
const prettier = run('prettier', ['--list-different', '.']);
const unformatted = prettier.stdout.split('\n').filter(Boolean);
const perFolder = new Map();
for (const file of unformatted) bump(perFolder, folderOf(join(root, file)));
table(`Prettier: ${unformatted.length} files to reformat, per folder`, perFolder);
if (prettier.stderr.trim()) console.log(prettier.stderr.trim());
