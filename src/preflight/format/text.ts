/** Human output: one line per finding plus its fix, coloured on a terminal. */
import { counts, locationText, type Report } from './report.js';

const COLOURS = {
  error: '\x1b[31m',
  warning: '\x1b[33m',
  info: '\x1b[36m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  reset: '\x1b[0m',
};

export function formatText(report: Report, colour: boolean): string {
  const c = (code: keyof typeof COLOURS, s: string) => (colour ? `${COLOURS[code]}${s}${COLOURS.reset}` : s);
  const lines: string[] = [];
  for (const p of report.problems)
    lines.push(`${p.location ? `${locationText(p.location)}: ` : ''}${c('error', 'input error')} ${p.message}`);
  for (const f of report.findings) {
    lines.push(
      `${locationText(f.location)}: ${c(f.severity, f.severity)} ${c('bold', f.ruleId)}(${f.ruleName}) ${f.message}`,
    );
    if (f.fix) lines.push(`    ${c('dim', 'fix:')} ${f.fix.replacement ?? f.fix.description}`);
  }
  const n = counts(report.findings);
  const summary = `${report.checked} checked: ${n.error} error${n.error === 1 ? '' : 's'}, ${n.warning} warning${n.warning === 1 ? '' : 's'}, ${n.info} info (velero ${report.context.veleroVersion}${report.context.pluginInstalled ? ', plugin installed' : ''})`;
  lines.push(report.findings.length || report.problems.length ? summary : `${summary}: clean`);
  return lines.join('\n') + '\n';
}
