/** The help texts: an overview of every command and option, or one command's usage and options. */
import type { Command } from './command.js';
import { COMMANDS } from './index.js';
import { optionHelp } from './options.js';

const TITLE = 'velero-cm-preflight: check velero command lines and manifests for cert-manager before they run';
const FOOTER = `Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or input errors.
Rules: --list-rules, --explain RULE; docs/rules/ in the repository.
`;

function usageLines(commands: readonly Command[]): string {
  return commands.flatMap((c) => c.synopsis.map((s) => `  ${s}`)).join('\n');
}

/** `velero-cm-preflight --help`. */
export function overviewHelp(): string {
  return `${TITLE}

Usage:
${usageLines(Object.values(COMMANDS))}
  velero-cm-preflight --explain RULE | --list-rules
  velero-cm-preflight COMMAND --help                      one command's usage and options

Options:
${optionHelp()}
${FOOTER}`;
}

/** `velero-cm-preflight COMMAND --help`. */
export function commandHelp(command: Command): string {
  return `${TITLE}

Usage:
${usageLines([command])}

Options:
${optionHelp(command.name)}
${FOOTER}`;
}
