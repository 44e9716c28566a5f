/**
 * The plugin's logger: one JSON object per line on stderr, in the shape hashicorp/go-plugin's client
 * parses (string `@message`, `@level` in trace|debug|info|warn|error, every other key a structured
 * field). Velero re-logs each line through the backup's or restore's logger, so these lines show up
 * in `velero backup logs` / `velero restore logs` at their own level.
 *
 * Rules the host side imposes (docs/velero-plugin-protocol.md §1.6): never `warning`/`fatal`, no
 * `@timestamp` (Velero drops it and a wrong format makes the line non-JSON), lines under 64 KiB (longer
 * ones are split and demoted to debug), and no keys `time`/`timestamp`/`level` (Velero drops them).
 */
import type { ActionLogger, LogFields } from './action.js';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const LEVEL_RANK: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

/** go-plugin reads stderr with a 64 KiB line buffer; stay well under it. */
export const MAX_LINE_BYTES = 60 * 1024;
const MAX_MESSAGE_CHARS = 8 * 1024;
const MAX_FIELD_CHARS = 4 * 1024;

/** Keys Velero's adapter drops or go-plugin interprets: renamed so the value still reaches the log. */
const RESERVED_KEYS = new Set(['time', 'timestamp', 'level', 'msg']);

export type LineSink = (line: string) => void;

/** Writes a line to stderr synchronously, so lines are not lost when the process exits right after. */
const stderrSink: LineSink = (line) => {
  process.stderr.write(line);
};

export interface JsonLineLoggerOptions {
  /** Lines below this level are dropped. */
  level: LogLevel;
  sink?: LineSink;
  /** Shown as `logSource` (Velero keeps it because `@logSourceSetBy` is set). */
  source?: string;
  fields?: LogFields;
}

export class JsonLineLogger implements ActionLogger {
  private readonly level: LogLevel;
  private readonly sink: LineSink;
  private readonly source: string | undefined;
  private readonly fields: LogFields;

  constructor(options: JsonLineLoggerOptions) {
    this.level = options.level;
    this.sink = options.sink ?? stderrSink;
    this.source = options.source;
    this.fields = options.fields ?? {};
  }

  trace(message: string, fields?: LogFields): void {
    this.log('trace', message, fields);
  }
  debug(message: string, fields?: LogFields): void {
    this.log('debug', message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.log('info', message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.log('warn', message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.log('error', message, fields);
  }

  with(fields: LogFields): JsonLineLogger {
    return new JsonLineLogger({
      level: this.level,
      sink: this.sink,
      source: this.source,
      fields: { ...this.fields, ...fields },
    });
  }

  /** The same logger with another `logSource`. */
  withSource(source: string): JsonLineLogger {
    return new JsonLineLogger({ level: this.level, sink: this.sink, source, fields: this.fields });
  }

  /** withSource(source).with(fields) in one step: made once per Execute call, so one object instead of two. */
  child(source: string, fields: LogFields): JsonLineLogger {
    return new JsonLineLogger({ level: this.level, sink: this.sink, source, fields: { ...this.fields, ...fields } });
  }

  enabled(level: LogLevel): boolean {
    return LEVEL_RANK[level] >= LEVEL_RANK[this.level];
  }

  log(level: LogLevel, message: string, fields?: LogFields): void {
    if (!this.enabled(level)) return;
    try {
      // Most lines add no fields of their own: no merged copy for them.
      this.sink(formatLogLine(level, message, fields ? { ...this.fields, ...fields } : this.fields, this.source));
    } catch {
      // A logger must never throw into the code that logs (e.g. stderr closed during shutdown).
    }
  }
}

/** One log line, newline-terminated, always valid JSON and under MAX_LINE_BYTES. */
export function formatLogLine(level: LogLevel, message: unknown, fields: LogFields, source?: string): string {
  const entry: Record<string, unknown> = {
    '@level': level,
    '@message': truncate(typeof message === 'string' ? message : String(message), MAX_MESSAGE_CHARS),
  };
  if (source !== undefined) {
    entry['@logSourceSetBy'] = 'plugin';
    entry.logSource = source;
  }
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || key.startsWith('@')) continue;
    entry[RESERVED_KEYS.has(key) ? `field.${key}` : key] = fieldValue(value);
  }
  let line = safeStringify(entry);
  if (Buffer.byteLength(line) > MAX_LINE_BYTES) {
    // Keep level and message intact; shrink every field instead.
    for (const key of Object.keys(entry)) {
      if (key.startsWith('@') || key === 'logSource') continue;
      entry[key] = truncate(typeof entry[key] === 'string' ? entry[key] : safeStringify(entry[key]), 256);
    }
    line = safeStringify(entry);
    if (Buffer.byteLength(line) > MAX_LINE_BYTES) {
      line = safeStringify({ '@level': level, '@message': truncate(String(entry['@message']), 1024), truncated: true });
    }
  }
  return line + '\n';
}

function fieldValue(value: unknown): unknown {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return truncate(value, MAX_FIELD_CHARS);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…(${text.length - max} more characters)`;
}

/**
 * JSON.stringify that never throws (cycles, BigInt) and never yields undefined. The plain call comes first:
 * a replacer function costs a call per key on every line, and only a line with a cycle or a BigInt in a
 * nested field (both make the plain call throw) needs it.
 */
function safeStringify(value: unknown): string {
  try {
    // JSON.stringify returns undefined for undefined or a function, whatever its declared type says.
    const text = JSON.stringify(value) as string | undefined;
    return text ?? 'null';
  } catch {
    return guardedStringify(value);
  }
}

function guardedStringify(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    // JSON.stringify returns undefined for undefined or a function, whatever its declared type says.
    const text = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint') return v.toString();
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return '[circular]';
        seen.add(v);
      }
      return v;
    }) as string | undefined;
    return text ?? 'null';
  } catch {
    return '"[unserialisable]"';
  }
}
