import type { CommandName, Options } from './options.js';

/** One command of velero-cm-preflight: its help and what it does with the parsed options. */
export interface Command {
  name: CommandName;
  /** Synopsis lines, each `usage    what it does`, as the help prints them. */
  synopsis: readonly string[];
  /** Checks the options make sense together for this command (operands, combinations); throws UsageError. */
  check(o: Options): void;
  /** Runs the command; resolves to the exit code. */
  run(o: Options): Promise<number>;
}
