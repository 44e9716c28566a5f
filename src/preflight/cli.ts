#!/usr/bin/env node
/**
 * velero-cm-preflight: the entry point. It only parses the command line and dispatches to the command's module
 * in commands/ (lint, run, audit, doctor, export, import), each of which carries its own help and checks.
 * Offline by default: nothing reachable from here at start imports a Kubernetes client or gRPC; YAML,
 * formatters, docs and the cluster-reading commands load lazily so linting one command line starts fast.
 */
import { ConfigError } from './config.js';
import { COMMANDS } from './commands/index.js';
import { InputError } from './commands/errors.js';
import { commandHelp, overviewHelp } from './commands/help.js';
import { parseOptions, splitCommand, UsageError } from './commands/options.js';
import { explainRule, listRules } from './commands/rule-info.js';
import { NEWEST_KNOWN_VELERO } from './version.js';
import { VERSION } from '../version.js';

/** Clear refusals raised by the cluster-reading commands (access, a configuration file, a copy refused whole). */
const LAZY_ERRORS = new Set(['ClusterAccessError', 'ConfigurationFileError', 'ConfigurationCopyError']);

async function main(args: string[]): Promise<number> {
  const { command: name, rest } = splitCommand(args);
  const command = COMMANDS[name];
  const o = parseOptions(name, rest);
  if (o.help) {
    process.stdout.write(name === 'lint' ? overviewHelp() : commandHelp(command));
    return 0;
  }
  if (o.version) {
    process.stdout.write(`velero-cm-preflight ${VERSION} (rules for Velero up to ${NEWEST_KNOWN_VELERO})\n`);
    return 0;
  }
  if (o.listRules) {
    process.stdout.write(listRules());
    return 0;
  }
  if (o.explain !== undefined) {
    process.stdout.write(await explainRule(o.explain));
    return 0;
  }
  command.check(o);
  return command.run(o);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Errors of the lazily loaded commands are matched by name: this module does not import the Kubernetes layer.
    if (
      err instanceof UsageError ||
      err instanceof ConfigError ||
      err instanceof InputError ||
      LAZY_ERRORS.has((err as Error | undefined)?.name ?? '')
    ) {
      process.stderr.write(`velero-cm-preflight: ${(err as Error).message}\n`);
      if (err instanceof UsageError) process.stderr.write('Run velero-cm-preflight --help for usage.\n');
    } else process.stderr.write(`velero-cm-preflight: internal error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 2;
  },
);
