/** What every output format renders: the findings of one run plus its context. */
import type { Finding } from '../rules/types.js';

export interface Report {
  tool: { name: string; version: string };
  context: { veleroVersion: string; pluginInstalled: boolean; failOn: string };
  findings: Finding[];
  /** Lint units checked (commands and manifests). */
  checked: number;
  /** Inputs that could not be read or parsed (exit code 2). */
  problems: { message: string; location?: { file?: string; line: number; column: number } }[];
}

export function locationText(loc: { file?: string; line: number; column: number }): string {
  return `${loc.file ?? '<input>'}:${loc.line}:${loc.column}`;
}

export function counts(findings: readonly Finding[]) {
  return {
    error: findings.filter((f) => f.severity === 'error').length,
    warning: findings.filter((f) => f.severity === 'warning').length,
    info: findings.filter((f) => f.severity === 'info').length,
  };
}
