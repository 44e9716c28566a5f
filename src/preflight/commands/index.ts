import { auditCommand } from './audit.js';
import type { Command } from './command.js';
import { doctorCommand } from './doctor.js';
import { lintCommand } from './lint.js';
import type { CommandName } from './options.js';
import { runCommand } from './run.js';

/** Every command, in the order the help lists them. */
export const COMMANDS: Readonly<Record<CommandName, Command>> = {
  lint: lintCommand,
  run: runCommand,
  audit: auditCommand,
  doctor: doctorCommand,
};
