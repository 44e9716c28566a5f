#!/usr/bin/env node
// Fails when a module under src/ imports across a boundary that docs/architecture.md forbids.
//
//   node hack/check-boundaries.mjs            check the repository this script lives in
//   node hack/check-boundaries.mjs DIR        check DIR/src instead (used by the tests on fixture trees)
//
// Imports are found with regular expressions (static import/export-from, side-effect import, dynamic
// import(), require()) after comments are blanked out, which is exact enough for this codebase's style
// and keeps the check dependency-free and fast (the whole tree in well under a second).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Node's I/O modules: a "pure" room (cert-manager knowledge) may not touch the network, disk or processes. */
const IO_MODULES = new Set(['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'child_process', 'dgram', 'tls']);

const isGrpc = (pkg) => pkg === '@grpc/grpc-js' || pkg === '@grpc/proto-loader';
const isKubeClient = (pkg) => pkg === '@kubernetes/client-node';
const isNodeIo = (pkg) => pkg.startsWith('node:') && IO_MODULES.has(pkg.slice('node:'.length));

/** The action contract: plain types shared by the host and the product code (src/host/action.ts). */
const CONTRACT = 'src/host/action.ts';
/** The preflight's cluster mode: the only preflight modules that may talk to a cluster. */
const isPreflightClusterMode = (file) =>
  file.startsWith('src/preflight/cluster/') || /^src\/preflight\/(.+\/)?cluster(-[\w-]+)?\.ts$/.test(file);

const under = (room) => (file) => file.startsWith(`src/${room}/`);
/** Generated leaf modules that import nothing and that every room may use (the version both binaries print). */
const SHARED_LEAVES = new Set(['src/version.ts']);

/**
 * The rooms of src/ and what each may import. `allowSource(target, edge)` decides imports of other src/ files
 * (target is a repository-relative path such as "src/host/action.ts"); `allowPackage(name, edge)` decides
 * packages and node: builtins. Files directly under src/ (plugin.ts, version.ts) are the composition root and
 * may import anything. The wording of `rule` is printed with every violation, so it names what IS allowed.
 */
export const ROOMS = [
  {
    name: 'host',
    matches: under('host'),
    rule: 'src/host (protocol host) may import only src/host itself; it knows nothing about cert-manager',
    allowSource: (target) => under('host')(target),
    allowPackage: (pkg) => !isKubeClient(pkg),
  },
  {
    name: 'certmanager',
    matches: under('certmanager'),
    rule:
      'src/certmanager (cert-manager knowledge) is pure: it may import only src/certmanager and types from ' +
      `${CONTRACT}, and no gRPC, Kubernetes client or node: I/O module`,
    allowSource: (target, edge) => under('certmanager')(target) || (target === CONTRACT && edge.typeOnly),
    allowPackage: (pkg) => !isGrpc(pkg) && !isKubeClient(pkg) && !isNodeIo(pkg),
  },
  {
    name: 'velero',
    matches: under('velero'),
    rule:
      'src/velero (Velero filter and glob semantics) is pure: it may import only src/velero itself, and no gRPC, ' +
      'Kubernetes client or node: I/O module',
    allowSource: (target) => under('velero')(target),
    allowPackage: (pkg) => !isGrpc(pkg) && !isKubeClient(pkg) && !isNodeIo(pkg),
  },
  {
    name: 'actions',
    matches: under('actions'),
    rule:
      `src/actions may import only src/actions, ${CONTRACT}, src/certmanager, src/velero, src/config and ` +
      'src/kube/types.ts; no gRPC and no Kubernetes client (cluster facts come through the ClusterLookups interface)',
    allowSource: (target) =>
      under('actions')(target) ||
      target === CONTRACT ||
      under('certmanager')(target) ||
      under('velero')(target) ||
      under('config')(target) ||
      target === 'src/kube/types.ts',
    allowPackage: (pkg) => !isGrpc(pkg) && !isKubeClient(pkg),
  },
  {
    name: 'kube',
    matches: under('kube'),
    rule: `src/kube (Kubernetes access) may import only src/kube, ${CONTRACT}, src/certmanager and src/config; no gRPC`,
    allowSource: (target) =>
      under('kube')(target) || target === CONTRACT || under('certmanager')(target) || under('config')(target),
    allowPackage: (pkg) => !isGrpc(pkg),
  },
  {
    name: 'config',
    matches: under('config'),
    rule:
      `src/config (plugin configuration) may import only src/config, src/certmanager and ${CONTRACT}; ` +
      'no gRPC and no Kubernetes client',
    allowSource: (target) => under('config')(target) || under('certmanager')(target) || target === CONTRACT,
    allowPackage: (pkg) => !isGrpc(pkg) && !isKubeClient(pkg),
  },
  {
    name: 'preflight',
    matches: under('preflight'),
    rule:
      'src/preflight may import only src/preflight, src/certmanager, src/velero and src/config; never src/host, ' +
      'src/actions or ' +
      'gRPC; src/kube and the Kubernetes client only from its cluster-mode modules ' +
      '(src/preflight/cluster/**, src/preflight/**/cluster*.ts)',
    allowSource: (target, edge) =>
      under('preflight')(target) ||
      under('certmanager')(target) ||
      under('velero')(target) ||
      under('config')(target) ||
      (under('kube')(target) && isPreflightClusterMode(edge.file)),
    allowPackage: (pkg, edge) => !isGrpc(pkg) && (!isKubeClient(pkg) || isPreflightClusterMode(edge.file)),
  },
];

/** Rules that hold for every file under src/, whatever its room. */
const GLOBAL_RULES = [
  {
    rule: 'only src/preflight imports src/preflight: the plugin binary must not carry the preflight checker',
    violates: (edge) => edge.target?.startsWith('src/preflight/') && !edge.file.startsWith('src/preflight/'),
  },
  {
    rule: 'src/ imports nothing outside src/ (no test/, hack/, dist/ or package.json: the build inlines what it needs)',
    violates: (edge) => edge.target !== undefined && !edge.target.startsWith('src/'),
  },
  {
    rule:
      'src/actions/backup and src/actions/restore do not import each other: what both use lives in src/actions ' +
      '(define.ts, run-scope.ts) or src/certmanager',
    violates: (edge) =>
      edge.target !== undefined &&
      ((edge.file.startsWith('src/actions/backup/') && edge.target.startsWith('src/actions/restore/')) ||
        (edge.file.startsWith('src/actions/restore/') && edge.target.startsWith('src/actions/backup/'))),
  },
  {
    rule: 'gRPC (@grpc/*) is imported only by src/host and the composition root (files directly under src/)',
    violates: (edge) =>
      edge.pkg !== undefined && isGrpc(edge.pkg) && !edge.file.startsWith('src/host/') && !isRoot(edge.file),
  },
];

const isRoot = (file) => /^src\/[^/]+$/.test(file);

/**
 * Replaces comments with spaces (keeping newlines, so offsets and line numbers stay right) while leaving string
 * and template literals intact, so an import written in a doc comment is not taken for a real one.
 */
export function blankComments(text) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && !(c !== '`' && text[j] === '\n')) j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const IMPORT_PATTERNS = [
  // import x from 'm'; import { a, type b } from 'm'; import type X from 'm'; export { a } from 'm'; export * from 'm'
  /(?<![\w$.])(?<kw>import|export)\s+(?<clause>[^'";]*?)\s*from\s*(?<q>['"])(?<spec>[^'"\n]+)\k<q>/g,
  // import 'm' (side effects only)
  /(?<![\w$.])import\s*(?<q>['"])(?<spec>[^'"\n]+)\k<q>/g,
  // import('m') and require('m') with a literal specifier
  /(?<![\w$.])(?:import|require)\s*\(\s*(?<q>['"`])(?<spec>[^'"`\n]+)\k<q>\s*\)/g,
];

/** Every import of one source text: specifier, 1-based line, and whether it brings in types only. */
export function findImports(text) {
  const code = blankComments(text);
  const found = [];
  for (const pattern of IMPORT_PATTERNS) {
    for (const m of code.matchAll(pattern)) {
      const { clause, spec } = m.groups;
      const at = m.index + m[0].lastIndexOf(spec);
      found.push({ spec, line: code.slice(0, at).split('\n').length, typeOnly: clause ? isTypeOnly(clause) : false });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/** `type X`, `type { A }`, `{ type A, type B }`: the import is erased from the emitted JavaScript. */
function isTypeOnly(clause) {
  const c = clause.trim();
  if (/^type\b/.test(c)) return true;
  const named = /^\{([^}]*)\}$/.exec(c);
  if (!named) return false;
  const names = named[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((n) => /^type\s/.test(n));
}

/** Resolves a specifier written in `file` to a repository-relative source path or a package name. */
function resolveEdge(rootDir, file, spec) {
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const abs = resolve(rootDir, dirname(file), spec);
    let target = relative(rootDir, abs).split(sep).join(posix.sep);
    // NodeNext: `./x.js` in TypeScript source names `./x.ts`.
    target = target.replace(/\.(m|c)?js$/, (_, k) => `.${k ?? ''}ts`);
    return { target };
  }
  if (spec.startsWith('node:')) return { pkg: spec };
  const parts = spec.split('/');
  const pkg = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  // A bare builtin name ('fs') is the same module as 'node:fs'.
  return { pkg: IO_MODULES.has(spec) ? `node:${spec}` : pkg };
}

function listSources(dir, rootDir, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) listSources(full, rootDir, out);
    else if (/\.(m|c)?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(relative(rootDir, full).split(sep).join(posix.sep));
    }
  }
  return out.sort();
}

/** Checks every src/**\/*.ts under rootDir; returns the violations (empty when the tree keeps every boundary). */
export function checkBoundaries(rootDir) {
  const violations = [];
  const files = listSources(join(rootDir, 'src'), rootDir);
  for (const file of files) {
    const room = ROOMS.find((r) => r.matches(file));
    for (const imp of findImports(readFileSync(join(rootDir, file), 'utf8'))) {
      const edge = {
        file,
        line: imp.line,
        spec: imp.spec,
        typeOnly: imp.typeOnly,
        ...resolveEdge(rootDir, file, imp.spec),
      };
      const broken = GLOBAL_RULES.filter((g) => g.violates(edge)).map((g) => g.rule);
      const shared = edge.target !== undefined && SHARED_LEAVES.has(edge.target);
      if (room && !shared && edge.target?.startsWith('src/') && !edge.target.startsWith(`src/${room.name}/`)) {
        if (!room.allowSource(edge.target, edge)) broken.push(room.rule);
      }
      if (room && edge.pkg !== undefined && !room.allowPackage(edge.pkg, edge)) broken.push(room.rule);
      for (const rule of new Set(broken)) violations.push({ ...edge, rule });
    }
  }
  return { files: files.length, violations };
}

export function formatViolation(v) {
  const what = v.target ?? v.pkg;
  return `${v.file}:${v.line}: imports '${v.spec}'${what !== v.spec ? ` (${what})` : ''}${v.typeOnly ? ' [types]' : ''}\n    rule: ${v.rule}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rootDir = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const { files, violations } = checkBoundaries(rootDir);
  for (const v of violations) console.error(formatViolation(v));
  if (violations.length > 0) {
    console.error(`\n${violations.length} import(s) cross a boundary in ${files} files; see docs/architecture.md.`);
    process.exit(1);
  }
  console.log(`boundaries: ${files} files under src/, every import within the rules of docs/architecture.md`);
}
