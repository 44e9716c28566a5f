/** JUnit XML for CI test reports: one test case per finding; findings at or above --fail-on are failures. */
import { SEVERITY_RANK, type Severity } from '../rules/types.js';
import { locationText, type Report } from './report.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function formatJunit(report: Report, failOn: Severity | 'never'): string {
  const failing = (s: Severity) => failOn !== 'never' && SEVERITY_RANK[s] >= SEVERITY_RANK[failOn];
  const cases = report.findings.map((f) => {
    const name = esc(`${locationText(f.location)} ${f.ruleId}(${f.ruleName})`);
    const body = `${f.message}${f.fix ? `\nfix: ${f.fix.replacement ?? f.fix.description}` : ''}`;
    return failing(f.severity)
      ? `    <testcase classname="velero-cm-preflight.${f.ruleId}" name="${name}"><failure type="${f.severity}" message="${esc(f.message)}">${esc(body)}</failure></testcase>`
      : `    <testcase classname="velero-cm-preflight.${f.ruleId}" name="${name}"><system-out>${esc(`${f.severity}: ${body}`)}</system-out></testcase>`;
  });
  const problems = report.problems.map(
    (p) =>
      `    <testcase classname="velero-cm-preflight.input" name="${esc(p.location ? locationText(p.location) : 'input')}"><error message="${esc(p.message)}"/></testcase>`,
  );
  if (cases.length === 0 && problems.length === 0)
    cases.push(`    <testcase classname="velero-cm-preflight" name="${report.checked} checked"/>`);
  const failures = report.findings.filter((f) => failing(f.severity)).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="velero-cm-preflight" tests="${cases.length + problems.length}" failures="${failures}" errors="${problems.length}">`,
    `  <testsuite name="velero-cm-preflight" tests="${cases.length + problems.length}" failures="${failures}" errors="${problems.length}">`,
    ...problems,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
