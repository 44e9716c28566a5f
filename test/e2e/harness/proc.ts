/**
 * Child processes for the end-to-end harness: long-running servers whose output goes to a log file
 * (so a failure can point at it), and short commands whose output is captured. Every wait is bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { captureCommand } from '../../integration/testenv/binaries.js';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
  input?: string;
}

/** Runs a command to completion (killed after timeoutMs) and captures its output. Never throws on exit code. */
export async function runCommand(cmd: string, args: string[], options: RunOptions = {}): Promise<CommandResult> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const run = await captureCommand(cmd, args, { ...options, timeoutMs });
  // Shell conventions: 127 for a command that cannot be started; the kill note tells a timeout from a crash.
  if (run.spawnError) return { code: 127, stdout: run.stdout, stderr: run.stderr + run.spawnError.message };
  const stderr = run.timedOut ? `${run.stderr}\n[e2e] ${cmd} killed after ${timeoutMs} ms` : run.stderr;
  return { code: run.code ?? 1, stdout: run.stdout, stderr };
}

/** Like runCommand, but throws with the command's output when it exits non-zero. */
export async function mustRun(cmd: string, args: string[], options: RunOptions = {}): Promise<string> {
  const result = await runCommand(cmd, args, options);
  if (result.code !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${result.code}\n${tail(result.stderr || result.stdout, 40)}`);
  }
  return result.stdout;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** A background server process whose stdout and stderr are appended to logFile. */
export class BackgroundProcess {
  private exited = false;
  private exitCode: number | null = null;

  private constructor(
    readonly name: string,
    readonly logFile: string,
    private readonly child: ChildProcess,
  ) {
    child.on('exit', (code, signal) => {
      this.exited = true;
      this.exitCode = code ?? (signal ? 128 : 1);
    });
  }

  static start(name: string, cmd: string, args: string[], logFile: string, env?: NodeJS.ProcessEnv): BackgroundProcess {
    const log = createWriteStream(logFile, { flags: 'a' });
    const child = spawn(cmd, args, { env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    // If this process ends without close() (interrupted run), take the servers down with it.
    live.add(child);
    child.on('exit', () => live.delete(child));
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('error', (err) => log.write(`[e2e] cannot start ${cmd}: ${err.message}\n`));
    return new BackgroundProcess(name, logFile, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return !this.exited;
  }

  /** Throws (with the end of the log) if the process has died. */
  assertRunning(): void {
    if (this.exited) {
      throw new Error(`${this.name} exited with code ${this.exitCode}; end of ${this.logFile}:\n${this.logTail(30)}`);
    }
  }

  logTail(lines: number): string {
    try {
      return tail(readFileSync(this.logFile, 'utf8'), lines);
    } catch {
      return '(no log)';
    }
  }

  /** SIGTERM, then SIGKILL after graceMs. Resolves once the process is gone. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(timer);
  }
}

/** Polls check() every intervalMs until it returns a value other than undefined/false, or throws on timeout. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 60_000, intervalMs = 500 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
    }
    await sleep(intervalMs);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A free TCP port on 127.0.0.1 (bound and released; good enough for test servers started right after). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Pids of the direct children of ppid whose command line contains fragment (Linux /proc). */
export function childProcesses(ppid: number, fragment: string): number[] {
  const found: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces, so split after the last ')'.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== ppid) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(fragment)) found.push(Number(entry));
    } catch {
      // the process went away while we looked
    }
  }
  return found;
}
