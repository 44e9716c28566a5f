/**
 * Runs a command in this process with its standard output and error captured, and $KUBECONFIG pointing at a
 * fake API server: the command modules' own code is measured (the CLI bundle's is not, function by function).
 */
import type { Command } from '../../../../src/preflight/commands/command.js';
import { parseOptions } from '../../../../src/preflight/commands/options.js';

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Parses `args` for `command`, checks them, runs it; throws what the command throws (output restored first). */
export async function runCommand(command: Command, args: string[], kubeconfig?: string): Promise<Captured> {
  const o = parseOptions(command.name, args);
  command.check(o);
  const out = { stdout: '', stderr: '' };
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  const stderrWrite = process.stderr.write.bind(process.stderr);
  const saved = process.env.KUBECONFIG;
  const capture =
    (stream: 'stdout' | 'stderr') =>
    (chunk: string | Uint8Array): boolean => {
      out[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return true;
    };
  process.stdout.write = capture('stdout');
  process.stderr.write = capture('stderr');
  if (kubeconfig !== undefined) process.env.KUBECONFIG = kubeconfig;
  try {
    const code = await command.run(o);
    return { code, ...out };
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    if (saved === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = saved;
  }
}

/** The notes a command wrote to stderr, without the program name. */
export const notes = (stderr: string): string[] =>
  stderr
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.replace(/^velero-cm-preflight: /, ''));

/** The error a promise rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('resolved, expected a rejection');
}
