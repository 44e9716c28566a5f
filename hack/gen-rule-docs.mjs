#!/usr/bin/env node
// Generates docs/rules/ (one page per preflight rule plus the index) from the rule metadata in
// src/preflight/rules/*.ts, via the built dist/ (run `npm run build` first).
//
//   node hack/gen-rule-docs.mjs           write docs/rules/
//   node hack/gen-rule-docs.mjs --check   fail (exit 1) when the committed docs differ from the metadata
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'docs', 'rules');
const check = process.argv.includes('--check');
const docsModule = join(root, 'dist', 'src', 'preflight', 'docs.js');
if (!existsSync(docsModule)) {
  console.error(`gen-rule-docs: ${docsModule} is missing: run npm run build first`);
  process.exit(2);
}
const { generatedRuleDocs } = await import(pathToFileURL(docsModule).href);
const wanted = generatedRuleDocs();
const present = existsSync(outDir) ? readdirSync(outDir).filter((f) => f.endsWith('.md')) : [];

if (check) {
  const problems = [];
  for (const [file, text] of wanted) {
    const path = join(outDir, file);
    if (!existsSync(path)) problems.push(`missing docs/rules/${file}`);
    else if (readFileSync(path, 'utf8') !== text) problems.push(`stale docs/rules/${file}`);
  }
  for (const file of present) if (!wanted.has(file)) problems.push(`docs/rules/${file} has no rule (left over)`);
  if (problems.length) {
    console.error(problems.join('\n'));
    console.error('gen-rule-docs: docs/rules is out of date; run: npm run build && node hack/gen-rule-docs.mjs');
    process.exit(1);
  }
  console.log(`gen-rule-docs: docs/rules is current (${wanted.size} files)`);
} else {
  mkdirSync(outDir, { recursive: true });
  for (const file of present) if (!wanted.has(file)) rmSync(join(outDir, file));
  for (const [file, text] of wanted) writeFileSync(join(outDir, file), text);
  console.log(`gen-rule-docs: wrote ${wanted.size} files to docs/rules`);
}
