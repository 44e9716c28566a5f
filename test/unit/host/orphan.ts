/**
 * How long a plugin outlives its parent: the plugin is started by a shell (standing in for Velero) that is
 * then killed with SIGKILL, and the pipes Velero held are closed; the plugin is re-parented and we poll
 * /proc until it is gone (or a zombie). Used for this plugin and for the Go reference plugin alike.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';

export interface OrphanResult {
  /** Milliseconds from the parent's death to the plugin's exit; undefined when still running at `limitMs`. */
  exitMs: number | undefined;
  handshake: string;
}

function running(pid: number): boolean {
  try {
    // Field 3 of /proc/<pid>/stat is the state; Z is a zombie (exited, not yet reaped by the new parent).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export async function orphanExit(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  limitMs: number,
): Promise<OrphanResult> {
  const parent = spawn('sh', ['-c', '"$0" "$@" & echo $! >&3; wait', command, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const [, out, err, pidPipe] = parent.stdio;
  if (!(out instanceof Readable && err instanceof Readable && pidPipe instanceof Readable))
    throw new Error('spawn gave no pipes');
  let stdout = '';
  let pidText = '';
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  err.resume();
  pidPipe.on('data', (chunk: Buffer) => (pidText += chunk.toString()));
  const deadline = Date.now() + 15_000;
  while ((!stdout.includes('\n') || !pidText.includes('\n')) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 10));
  const pid = Number.parseInt(pidText, 10);
  if (!Number.isInteger(pid) || !stdout.includes('\n')) {
    parent.kill('SIGKILL');
    throw new Error(`the plugin did not start (handshake ${JSON.stringify(stdout.slice(0, 200))})`);
  }
  parent.kill('SIGKILL');
  // What Velero's death does to the plugin's pipes: nobody reads them any more.
  out.destroy();
  err.destroy();
  const killedAt = Date.now();
  while (running(pid) && Date.now() - killedAt < limitMs) await new Promise((r) => setTimeout(r, 20));
  const exitMs = running(pid) ? undefined : Date.now() - killedAt;
  if (exitMs === undefined) process.kill(pid, 'SIGKILL');
  return { exitMs, handshake: stdout.split('\n')[0] ?? '' };
}
