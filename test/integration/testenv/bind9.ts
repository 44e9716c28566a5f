/**
 * bind9's `named` as the authoritative DNS server of the ACME path: one dynamic zone on a loopback port
 * that accepts RFC2136 updates signed with a TSIG key (cert-manager's RFC2136 DNS-01 provider writes the
 * challenge records there; Pebble and cert-manager's self check read them back).
 *
 * `named` comes from Debian's bind9 packages, unpacked into the cache (no root, no system change, no
 * daemon started by a package script): hack/packaging/debs.sh fetches them through its private apt
 * configuration, `dpkg-deb -x` unpacks them, and `named` runs with LD_LIBRARY_PATH pointing into the
 * unpacked tree. A `named` already on PATH (`apt-get install bind9`) is used as it is.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { captureCommand, runCommand, type Log } from './binaries.js';
import { freePorts, processGone, sleep, spawnDetached, stopProcessGroup, tail } from './environment.js';
import { cacheDir, repoRoot } from './paths.js';

/**
 * The packages `named` needs beyond a Debian base system with OpenSSL, libuv, libxml2 and json-c
 * (bookworm: what `ldd named` reports missing on a fresh bookworm image).
 */
const PACKAGES = ['bind9', 'bind9-libs', 'libjemalloc2', 'liblmdb0', 'libmaxminddb0', 'libfstrm0', 'libprotobuf-c1'];
const SUITE = 'bookworm';
const START_TIMEOUT_MS = 30_000;

/** How to run the `named` binary: its path and the environment it needs. */
interface NamedBinary {
  path: string;
  env: NodeJS.ProcessEnv;
  version: string;
}

export interface DnsZone {
  /** The zone, without the trailing dot (e.g. acme.test). */
  zone: string;
  /** 127.0.0.1:<port>, UDP and TCP. */
  address: string;
  tsigKeyName: string;
  /** cert-manager's spelling of the TSIG algorithm (rfc2136.tsigAlgorithm). */
  tsigAlgorithm: 'HMACSHA256';
  /** The TSIG secret, base64 (what the TSIG Secret's data holds, decoded). */
  tsigSecret: string;
}

export interface RunningNamed extends DnsZone {
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

function debianArch(): string {
  if (process.arch === 'x64') return 'amd64';
  if (process.arch === 'arm64') return 'arm64';
  throw new Error(`bind9: no Debian packages for architecture ${process.arch}`);
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin'])) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function unpackedBinary(root: string): NamedBinary {
  const libDir = join(root, 'usr', 'lib', `${process.arch === 'x64' ? 'x86_64' : 'aarch64'}-linux-gnu`);
  return {
    path: join(root, 'usr', 'sbin', 'named'),
    env: { ...process.env, LD_LIBRARY_PATH: [libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') },
    version: root.split('/').pop() ?? 'unknown',
  };
}

/**
 * `named`, installed into the cache the first time (a few seconds of download): the system's when it has
 * one, else the newest unpacked tree under <cache>/bind9, else fetched and unpacked now.
 */
async function ensureNamed(log: Log): Promise<NamedBinary> {
  const system = onPath('named');
  if (system) return { path: system, env: process.env, version: 'system' };
  const base = join(cacheDir(), 'bind9');
  const cached = existsSync(base)
    ? readdirSync(base)
        .filter((d) => !d.includes('.partial-') && existsSync(join(base, d, 'usr', 'sbin', 'named')))
        .sort()
        .pop()
    : undefined;
  if (cached) return unpackedBinary(join(base, cached));
  const started = Date.now();
  log(`fetching bind9 (${SUITE}) from Debian into ${base} (first run only)`);
  const arch = debianArch();
  const script = `source "$1/hack/packaging/debs.sh"; shift; debs_fetch "$@"`;
  const debs = (
    await runCommand('bash', ['-c', script, 'debs', repoRoot(), arch, ...PACKAGES.map((p) => `${p}/${SUITE}`)], {
      timeoutMs: 10 * 60_000,
    })
  )
    .split('\n')
    .filter(Boolean);
  // The bind9 .deb's file name carries the version: the cache key, so a Debian point release unpacks anew.
  const bind9Deb = debs.find((d) => /\/bind9_[^/]*\.deb$/.test(d));
  const version = bind9Deb
    ? decodeURIComponent(
        bind9Deb
          .split('/')
          .pop()!
          .replace(/\.deb$/, ''),
      )
    : 'bind9';
  mkdirSync(base, { recursive: true });
  const target = join(base, version.replace(/[^A-Za-z0-9._+-]/g, '_'));
  const partial = `${target}.partial-${process.pid}`;
  try {
    mkdirSync(partial, { recursive: true });
    for (const deb of debs) await runCommand('dpkg-deb', ['-x', deb, partial], { timeoutMs: 120_000 });
    const binary = unpackedBinary(partial);
    const check = await captureCommand(binary.path, ['-V'], { timeoutMs: 30_000, env: binary.env });
    if (check.code !== 0) {
      const ldd = await captureCommand('ldd', [binary.path], { timeoutMs: 30_000, env: binary.env });
      const missing = ldd.stdout
        .split('\n')
        .filter((l) => l.includes('not found'))
        .map((l) => l.trim().split(' ')[0]);
      throw new Error(
        `the unpacked bind9 named does not run (${check.stderr.trim() || `exit ${check.code}`}); ` +
          `missing libraries: ${missing.join(', ') || 'none reported'}. Install bind9 instead: apt-get install bind9`,
      );
    }
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  log(`bind9 unpacked in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return unpackedBinary(target);
}

function namedConf(dir: string, port: number, zone: DnsZone): string {
  return `options {
  directory "${dir}";
  pid-file "${join(dir, 'named.pid')}";
  session-keyfile "${join(dir, 'session.key')}";
  managed-keys-directory "${dir}";
  listen-on port ${port} { 127.0.0.1; };
  listen-on-v6 { none; };
  recursion no;
  dnssec-validation no;
  notify no;
  allow-query { 127.0.0.1; };
};
// No rndc control channel: nothing but the zone listens.
controls { };
key "${zone.tsigKeyName}" {
  algorithm hmac-sha256;
  secret "${zone.tsigSecret}";
};
zone "${zone.zone}" {
  type primary;
  file "${join(dir, `${zone.zone}.zone`)}";
  allow-update { key "${zone.tsigKeyName}"; };
};
`;
}

function zoneFile(zone: string): string {
  // A short negative TTL: a challenge record looked up before it was written is not cached for long.
  return `$TTL 5
@ IN SOA ns.${zone}. hostmaster.${zone}. 1 60 60 600 5
@ IN NS ns.${zone}.
ns IN A 127.0.0.1
`;
}

/**
 * Starts `named` serving `zone` on a free loopback port with a fresh TSIG key; files and log in `dir`.
 * Waits until it logs that it is running.
 */
export async function startNamed(dir: string, options: { zone?: string; log?: Log } = {}): Promise<RunningNamed> {
  const log = options.log ?? (() => undefined);
  const binary = await ensureNamed(log);
  mkdirSync(dir, { recursive: true });
  const zoneName = options.zone ?? 'acme.test';
  const logFile = join(dir, 'named.log');
  for (let attempt = 1; ; attempt++) {
    const [port] = await freePorts(1);
    const zone: DnsZone = {
      zone: zoneName,
      address: `127.0.0.1:${port}`,
      tsigKeyName: 'acme-update',
      tsigAlgorithm: 'HMACSHA256',
      // What tsig-keygen makes for hmac-sha256: 32 random bytes, base64.
      tsigSecret: randomBytes(32).toString('base64'),
    };
    // named rewrites the zone file from its journal: start each attempt from a clean zone.
    rmSync(join(dir, `${zoneName}.zone.jnl`), { force: true });
    writeFileSync(join(dir, `${zoneName}.zone`), zoneFile(zoneName));
    writeFileSync(join(dir, 'named.conf'), namedConf(dir, port!, zone));
    // -g: foreground, log to stderr; -4: IPv4 only; -n 1: one worker thread (a shared 2-core machine).
    const pid = spawnDetached(binary.path, ['-g', '-4', '-n', '1', '-c', join(dir, 'named.conf')], logFile, binary.env);
    const named: RunningNamed = { ...zone, pid, logFile, stop: () => stopProcessGroup(pid) };
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      const text = tail(logFile);
      // The last start-up line is just "running" (an earlier one says "running on Linux ...").
      if (/ running$/m.test(text)) return named;
      if (processGone(pid)) {
        // Another process took the UDP port between freePorts and named's bind: try another one.
        if (text.includes('address in use') && attempt < 5) break;
        throw new Error(`named exited during start-up; its log (${logFile}):\n${text}`);
      }
      if (Date.now() > deadline) {
        await named.stop();
        throw new Error(`named did not start within ${START_TIMEOUT_MS / 1000} s:\n${text}`);
      }
      await sleep(100);
    }
  }
}
