/**
 * Builds the environment's binaries from their pinned Go modules, once: each lands in the cache keyed by
 * name and version, so later runs (and other checkouts) start in seconds. Builds write to a unique
 * temporary name and rename into place, so two runs building at once cannot see a half-written binary.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, repoRoot } from './paths.js';
import { type BinarySpec, pinnedVersion } from './versions.js';

export type Log = (message: string) => void;

function binaryPath(spec: BinarySpec): string {
  return join(cacheDir(), 'bin', `${spec.name}-${pinnedVersion(spec)}${ownSourcesKey(spec)}`);
}

/** "-<12 hex>" of the wrapper's own sources, or "" for a binary built straight from upstream. */
function ownSourcesKey(spec: BinarySpec): string {
  if (!spec.ownSources?.length) return '';
  const hash = createHash('sha256');
  for (const file of spec.ownSources) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(repoRoot(), 'hack', 'testenv', spec.moduleDir, file)));
  }
  return `-${hash.digest('hex').slice(0, 12)}`;
}

export interface CommandOptions {
  cwd?: string;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  input?: string;
}

/** How a command ended, with everything it wrote. */
export interface CapturedCommand {
  /** The exit code; null when a signal ended it or it never started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Set when the command could not be started at all (not found, not executable). */
  spawnError?: Error;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (SIGKILL after the timeout) and captures its output; never rejects. */
export function captureCommand(command: string, args: string[], options: CommandOptions): Promise<CapturedCommand> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    if (options.input !== undefined) child.stdin?.end(options.input);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (spawnError) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, timedOut, spawnError, stdout, stderr });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout, stderr });
    });
  });
}

/** Runs a command, failing with its output when it exits non-zero or outlives the timeout. */
export async function runCommand(command: string, args: string[], options: CommandOptions): Promise<string> {
  const run = await captureCommand(command, args, options);
  if (run.spawnError) throw new Error(`${command}: ${run.spawnError.message}`);
  if (run.code === 0) return run.stdout;
  const ending = run.signal ? `killed by ${run.signal} (timeout ${options.timeoutMs} ms?)` : `exited ${run.code}`;
  throw new Error(`${command} ${args.join(' ')} ${ending}\n${run.stderr.slice(-4000)}`);
}

/** The cached binary for `spec`, built first when missing (minutes, once per version). */
export async function ensureBinary(spec: BinarySpec, log: Log): Promise<string> {
  const target = binaryPath(spec);
  if (existsSync(target)) return target;
  const version = pinnedVersion(spec);
  mkdirSync(join(cacheDir(), 'bin'), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  log(`building ${spec.name} ${version} from ${spec.packagePath} (first run only; cached as ${target})`);
  const started = Date.now();
  try {
    await runCommand(
      'go',
      [
        'build',
        '-trimpath',
        '-ldflags',
        ['-s', '-w', ...spec.versionFlags(version)].join(' '),
        '-o',
        partial,
        spec.packagePath,
      ],
      // Only the pinned module graph may be used; the build must not touch the go.mod.
      {
        cwd: join(repoRoot(), 'hack', 'testenv', spec.moduleDir),
        timeoutMs: 60 * 60_000,
        env: { ...process.env, GOFLAGS: '-mod=readonly -buildvcs=false' },
      },
    );
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
  log(`built ${spec.name} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return target;
}
