/** --list-rules and --explain RULE: what the rules are, from their own metadata. */
import { findRule, RULES } from '../rules/index.js';
import { UsageError } from './options.js';

export function listRules(): string {
  return RULES.map(
    (r) =>
      `${r.meta.id}  ${r.meta.severity.padEnd(7)}  ${r.meta.name}${r.meta.plugin ? '  [plugin handles]' : ''}\n    ${r.meta.summary}\n`,
  ).join('');
}

export async function explainRule(id: string): Promise<string> {
  const rule = findRule(id);
  if (!rule) throw new UsageError(`no rule "${id}" (see --list-rules)`);
  return (await import('../docs.js')).renderRuleDoc(rule);
}
