/** An ActionLogger that records lines, for action tests. */
import type { ActionLogger, LogFields } from '../../../src/host/action.js';

export interface CapturedLine {
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: LogFields;
}

export function captureLog(lines: CapturedLine[] = [], base: LogFields = {}): ActionLogger & { lines: CapturedLine[] } {
  const at = (level: CapturedLine['level']) => (message: string, fields?: LogFields) =>
    lines.push({ level, message, fields: { ...base, ...fields } });
  return {
    lines,
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    with: (fields) => captureLog(lines, { ...base, ...fields }),
  };
}
