#!/usr/bin/env node
// Dependency audit of what the plugin ships: `npm audit --omit=dev`, failing on any high or critical advisory
// that hack/audit-allowlist.json does not list. Every allow-list entry names the advisory, why it is accepted,
// and the date the acceptance expires; an expired or malformed entry fails the audit on its own, even offline.
//
//   node hack/audit.mjs                       audit the installed tree against the registry
//   node hack/audit.mjs --input report.json   judge a saved `npm audit --json` report instead
//   options: --allowlist FILE, --today YYYY-MM-DD (for tests), --json (print the verdict as JSON)
//
// Exit codes: 0 clean (or every finding allow-listed), 1 findings or a bad allow-list, 3 the audit could not be
// run because the registry's advisory endpoint was unreachable. 3 is never "clean": the caller reports it as
// skipped, loudly. With AUDIT_REQUIRED=1 in the environment an unreachable endpoint exits 1 instead.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNAVAILABLE = 3;
const BLOCKING = new Set(['high', 'critical']);

/** Checks the allow-list's shape and dates; returns the usable entries and one problem string per bad entry. */
export function readAllowList(data, today) {
  const problems = [];
  const entries = [];
  if (!Array.isArray(data?.entries))
    return { entries, problems: ['allow-list: expected an object with an "entries" array'] };
  data.entries.forEach((e, i) => {
    const where = `allow-list entry ${i + 1}${typeof e?.id === 'string' ? ` (${e.id})` : ''}`;
    if (typeof e?.id !== 'string' || !/^(GHSA(-[23456789cfghjmpqrvwx]{4}){3}|\d+)$/.test(e.id)) {
      problems.push(`${where}: "id" must be a GHSA id (GHSA-xxxx-xxxx-xxxx) or an npm advisory number`);
      return;
    }
    if (typeof e.reason !== 'string' || e.reason.trim().length < 10) {
      problems.push(`${where}: "reason" must say why the finding is accepted`);
      return;
    }
    if (
      typeof e.expires !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}$/.test(e.expires) ||
      Number.isNaN(Date.parse(e.expires))
    ) {
      problems.push(`${where}: "expires" must be a date YYYY-MM-DD`);
      return;
    }
    if (e.expires < today) {
      problems.push(`${where}: expired on ${e.expires}; review it again and either renew the date or fix the finding`);
      return;
    }
    entries.push(e);
  });
  return { entries, problems };
}

/**
 * Reads an `npm audit --json` report (npm 7+). Returns undefined when the report is an error instead (the endpoint
 * refused or could not be reached), else one finding per advisory: id, package, severity, title, url.
 */
export function advisoriesOf(report) {
  if (typeof report !== 'object' || report === null || typeof report.vulnerabilities !== 'object') return undefined;
  const byId = new Map();
  for (const [pkg, vuln] of Object.entries(report.vulnerabilities)) {
    for (const via of vuln.via ?? []) {
      // A string `via` names another vulnerable package whose own entry carries the advisory.
      if (typeof via !== 'object' || via === null) continue;
      const ghsa = /GHSA(-[a-z0-9]{4}){3}/i.exec(via.url ?? '')?.[0];
      const id = ghsa ?? String(via.source);
      if (!byId.has(id)) {
        byId.set(id, {
          id,
          npmId: String(via.source),
          package: via.name ?? pkg,
          severity: via.severity,
          title: via.title,
          url: via.url,
        });
      }
    }
  }
  return [...byId.values()];
}

/** The verdict on one report against one allow-list: what blocks, what is accepted, what could not be judged. */
export function judge(report, allowListData, today) {
  const { entries, problems } = readAllowList(allowListData, today);
  const advisories = advisoriesOf(report);
  if (advisories === undefined) {
    const why = report?.message ?? report?.error?.summary ?? 'no vulnerabilities section in the report';
    return { available: false, why: String(why), problems, blocking: [], accepted: [], below: [] };
  }
  const allowed = (a) => entries.find((e) => e.id.toUpperCase() === a.id.toUpperCase() || e.id === a.npmId);
  const serious = advisories.filter((a) => BLOCKING.has(a.severity));
  return {
    available: true,
    problems,
    blocking: serious.filter((a) => !allowed(a)),
    accepted: serious.filter((a) => allowed(a)).map((a) => ({ ...a, entry: allowed(a) })),
    below: advisories.filter((a) => !BLOCKING.has(a.severity)),
    unused: entries.filter((e) => !advisories.some((a) => allowed(a) === e)),
  };
}

export function exitCodeOf(verdict, required) {
  if (verdict.problems.length > 0 || verdict.blocking.length > 0) return EXIT_FINDINGS;
  if (!verdict.available) return required ? EXIT_FINDINGS : EXIT_UNAVAILABLE;
  return EXIT_CLEAN;
}

function runNpmAudit() {
  // --audit=true: this machine's npmrc may say audit=false, which is about installs, but be explicit.
  const r = spawnSync('npm', ['audit', '--omit=dev', '--json', '--audit=true'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  try {
    return JSON.parse(r.stdout);
  } catch {
    return { message: r.error?.message ?? (r.stderr.trim().split('\n').pop() || `npm audit exited ${r.status}`) };
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const allowListFile = opt('--allowlist') ?? join(root, 'hack', 'audit-allowlist.json');
  const today = opt('--today') ?? new Date().toISOString().slice(0, 10);
  const input = opt('--input');
  let allowListData;
  try {
    allowListData = JSON.parse(readFileSync(allowListFile, 'utf8'));
  } catch (err) {
    allowListData = { entries: 'unreadable' };
    console.error(`audit: cannot read ${allowListFile}: ${err.message}`);
  }
  const report = input ? JSON.parse(readFileSync(input, 'utf8')) : runNpmAudit();
  const verdict = judge(report, allowListData, today);
  const required = process.env.AUDIT_REQUIRED === '1';
  const code = exitCodeOf(verdict, required);

  if (args.includes('--json')) console.log(JSON.stringify({ ...verdict, exitCode: code }, null, 2));
  for (const p of verdict.problems) console.error(`audit: ${p}`);
  if (!verdict.available) {
    const bar = '!'.repeat(100);
    console.error(`${bar}\n!! AUDIT NOT RUN: npm could not get advisories from the registry's audit endpoint.`);
    console.error(`!! npm said: ${verdict.why}`);
    console.error('!! Nothing is known about vulnerabilities in the runtime dependencies: this is NOT a clean result.');
    console.error(
      `!! ${required ? 'AUDIT_REQUIRED=1: failing.' : 'Counted as skipped. Set AUDIT_REQUIRED=1 where the endpoint is reachable to make this fatal.'}\n${bar}`,
    );
  } else {
    for (const a of verdict.blocking)
      console.error(`audit: ${a.severity.toUpperCase()} ${a.id} in ${a.package}: ${a.title} ${a.url ?? ''}`);
    for (const a of verdict.accepted)
      console.log(`audit: accepted ${a.severity} ${a.id} in ${a.package} until ${a.entry.expires}: ${a.entry.reason}`);
    for (const e of verdict.unused)
      console.log(`audit: allow-list entry ${e.id} matches no current advisory; remove it`);
    const below = verdict.below.length > 0 ? `, ${verdict.below.length} below high (not blocking)` : '';
    console.log(
      `audit: ${verdict.blocking.length} blocking, ${verdict.accepted.length} allow-listed${below} (npm audit --omit=dev)`,
    );
  }
  process.exit(code);
}
