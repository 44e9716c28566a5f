/**
 * Command-line handling. Velero passes `--log-level <logrus level>` (<= 1.14) or every flag of its own
 * `velero server` command line verbatim (>= 1.15), in any form (`--x=y`, `--x y`, `-x`). The plugin
 * reads only the log level and ignores everything else: it never fails on, or prints help for, an
 * argument it does not know.
 */
import type { LogLevel } from './logger.js';

const DEFAULT_LOG_LEVEL: LogLevel = 'info';

/** logrus level names (what Velero passes) to the levels go-plugin's client understands. */
const LOGRUS_TO_LEVEL: Record<string, LogLevel> = {
  trace: 'trace',
  debug: 'debug',
  info: 'info',
  warning: 'warn',
  warn: 'warn',
  error: 'error',
  // No lower level exists on the go-plugin side: fatal/panic mean "errors only".
  fatal: 'error',
  panic: 'error',
};

export interface LogLevelChoice {
  level: LogLevel;
  /** The value given on the command line when it was not a level name (reported as a warning). */
  unrecognised?: string;
}

/** The last `--log-level` given (any of `--log-level X`, `--log-level=X`, `-log-level X`, `-log-level=X`). */
export function logLevelFromArgs(argv: readonly string[]): LogLevelChoice {
  let raw: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--?log-level(?:=(.*))?$/.exec(arg);
    if (!match) continue;
    if (match[1] !== undefined) {
      raw = match[1];
    } else if (i + 1 < argv.length) {
      raw = argv[i + 1];
      i++;
    }
  }
  if (raw === undefined) return { level: DEFAULT_LOG_LEVEL };
  const level = LOGRUS_TO_LEVEL[raw.trim().toLowerCase()];
  return level ? { level } : { level: DEFAULT_LOG_LEVEL, unrecognised: raw };
}
