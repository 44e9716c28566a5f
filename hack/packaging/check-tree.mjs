#!/usr/bin/env node
// The gates every produced plugin tree must pass before anyone may copy it into Velero's /plugins:
//   1. exactly one executable (Velero runs every file with an exec bit, and every symlink, as a plugin);
//   2. no symlinks, no '*.exe', nothing but regular files and directories; modes 0755 / 0644;
//   3. the executable's DT_RPATH (not DT_RUNPATH, which LD_LIBRARY_PATH=/plugins would override) is
//      $ORIGIN/<libs dir>, and every NEEDED library is either glibc's or shipped in that dir;
//   4. the newest GLIBC_ symbol version required by the executable and the libraries is <= MAX_GLIBC;
//   5. (unless --no-smoke) a smoke handshake: health, ListPlugins (command = path invoked), Shutdown.
// Usage: node check-tree.mjs DIR --name NAME --libs LIBS_DIR --max-glibc 2.31 [--no-smoke]
import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { smoke } from './smoke.mjs';

const argv = process.argv.slice(2);
const flag = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const dir = resolve(argv[0] ?? '');
const name = flag('--name');
const libs = flag('--libs');
const maxGlibc = flag('--max-glibc');
if (!argv[0] || !name || !libs || !maxGlibc) {
  console.error('usage: check-tree.mjs DIR --name NAME --libs LIBS_DIR --max-glibc X.Y [--no-smoke]');
  process.exit(2);
}
const failures = [];
const fail = (msg) => failures.push(msg);

// glibc's own libraries: present in every Velero base image.
const GLIBC_LIBS = /^(libc|libm|libdl|libpthread|librt|libresolv|libutil)\.so\.\d+$|^ld-linux[-\w.]*\.so\.\d+$/;

const executables = [];
const sharedObjects = [];
(function walk(d) {
  for (const entry of readdirSync(d)) {
    const path = join(d, entry);
    const st = lstatSync(path);
    const rel = relative(dir, path);
    const mode = st.mode & 0o7777;
    if (st.isSymbolicLink()) fail(`${rel}: symlink (Velero would execute it as a plugin)`);
    else if (st.isDirectory()) {
      if (mode !== 0o755) fail(`${rel}/: mode ${mode.toString(8)}, want 755`);
      walk(path);
    } else if (!st.isFile()) fail(`${rel}: not a regular file`);
    else {
      if ((mode & 0o111) !== 0 || entry.toLowerCase().endsWith('.exe')) executables.push(rel);
      if (/\.so(\.\d+)*$/.test(entry)) sharedObjects.push(path);
      const want = rel === name ? 0o755 : 0o644;
      if (mode !== want) fail(`${rel}: mode ${mode.toString(8)}, want ${want.toString(8)}`);
    }
  }
})(dir);
if (executables.length !== 1 || executables[0] !== name) {
  fail(`executables: [${executables.join(', ')}], want exactly [${name}]`);
}

const binary = join(dir, name);
const readelf = (args, file) => execFileSync('readelf', [...args, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
// Compares dotted versions part by part (2.3.4 < 2.17 < 2.31).
const newerThan = (a, b) => {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  }
  return false;
};
let newest = { version: '0', file: '' };
try {
  const dynamic = readelf(['-d', '-W'], binary);
  const rpath = /\(RPATH\)\s+Library rpath: \[([^\]]*)\]/.exec(dynamic)?.[1];
  if (rpath !== `$ORIGIN/${libs}`) fail(`${name}: RPATH is ${JSON.stringify(rpath)}, want "$ORIGIN/${libs}"`);
  if (/\(RUNPATH\)/.test(dynamic)) fail(`${name}: has DT_RUNPATH; LD_LIBRARY_PATH=/plugins would beat it`);
  const shipped = new Set(sharedObjects.map((p) => relative(join(dir, libs), p)));
  for (const [, needed] of dynamic.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)) {
    if (!GLIBC_LIBS.test(needed) && !shipped.has(needed))
      fail(`${name}: needs ${needed}, which is neither glibc nor in ${libs}/`);
  }
  for (const file of [binary, ...sharedObjects]) {
    for (const [, v] of readelf(['-V', '-W'], file).matchAll(/Name: GLIBC_(\d+(?:\.\d+)+)/g)) {
      if (newerThan(v, newest.version)) newest = { version: v, file: relative(dir, file) };
    }
  }
  if (newerThan(newest.version, maxGlibc)) {
    fail(`${newest.file} needs GLIBC_${newest.version}, newer than ${maxGlibc} (Velero 1.12.0's base image)`);
  }
} catch (err) {
  fail(`readelf: ${err.message}`);
}

let smokeResult;
if (failures.length === 0 && !argv.includes('--no-smoke')) {
  try {
    smokeResult = await smoke({
      command: binary,
      expectCommand: binary,
      env: { TMPDIR: process.env.TMPDIR ?? '/tmp' },
    });
  } catch (err) {
    fail(`smoke handshake: ${err.message}`);
  }
}

if (failures.length > 0) {
  console.error(`check-tree: ${dir} FAILED\n  - ${failures.join('\n  - ')}`);
  process.exit(1);
}
console.error(
  `check-tree: ${dir} ok: one executable, no symlinks, RPATH $ORIGIN/${libs}, newest GLIBC_${newest.version} <= ${maxGlibc}` +
    (smokeResult
      ? `, smoke handshake ${smokeResult.handshakeMs.toFixed(0)} ms, ${smokeResult.plugins.length} plugins listed`
      : ', smoke skipped'),
);
