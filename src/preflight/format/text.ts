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
  // One fix per command line: the findings of one command all carry the same corrected command, printed once
  // after the last of them; so does a manifest object's merged fix (its fixed spec). Other fixes print each.
  // A manifest object's fix is its fixed spec as YAML, printed as an indented block.
  const fixKey = (f: Report['findings'][number]) =>
    f.fix
      ? `${f.location.file ?? ''}\u0000${f.subject.name ?? ''}\u0000${f.fix.replacement ?? `${f.location.line}\u0000${f.fix.description}`}`
      : '';
  const lastWithFix = new Map<string, number>();
  report.findings.forEach((f, i) => {
    if (f.fix?.replacement !== undefined) lastWithFix.set(fixKey(f), i);
  });
  report.findings.forEach((f, i) => {
    lines.push(
      `${locationText(f.location)}: ${c(f.severity, f.severity)} ${c('bold', f.ruleId)}(${f.ruleName}) ${f.message}`,
    );
    if (!f.fix) return;
    if (f.fix.replacement === undefined) lines.push(`    ${c('dim', 'fix:')} ${f.fix.description}`);
    else if (lastWithFix.get(fixKey(f)) !== i) return;
    else if (f.fix.replacement.includes('\n'))
      lines.push(`    ${c('dim', 'fix:')}`, ...f.fix.replacement.split('\n').map((l) => `      ${l}`));
    else lines.push(`    ${c('dim', 'fix:')} ${f.fix.replacement}`);
  });
  const n = counts(report.findings);
  const context = `velero ${report.context.veleroVersion}${report.context.pluginInstalled ? ', plugin installed' : ''}`;
  const summary = `${report.checked} checked: ${n.error} error${n.error === 1 ? '' : 's'}, ${n.warning} warning${n.warning === 1 ? '' : 's'}, ${n.info} info (${context})`;
  if (report.checked === 0 && !report.problems.length) lines.push(`nothing checked (${context})`);
  else lines.push(report.findings.length || report.problems.length ? summary : `${summary}: clean`);
  return lines.join('\n') + '\n';
}
