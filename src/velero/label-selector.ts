/**
 * Kubernetes label selectors as Velero reads them: the grammar of apimachinery's labels.Parse (the lexer's special
 * symbols, `in`/`notin` as keywords except where a value is expected, empty values), the key and value rules
 * (IsQualifiedName, IsValidLabelValue), and what Velero's `--selector`/`--or-selector` flags add through
 * metav1.ParseToLabelSelector: `!=`, `>` and `<` parse but are refused. Read from apimachinery v0.33.12
 * (pkg/labels/selector.go, the version Velero v1.18.3 links). Pure, no I/O.
 */

export type SelectorOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface SelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values: string[];
}

export type SelectorParse = { requirements: SelectorRequirement[] } | { error: string };

type Kind = 'id' | 'in' | 'notin' | '(' | ')' | ',' | '!' | '=' | '==' | '!=' | '>' | '<' | 'end';

interface Token {
  kind: Kind;
  text: string;
}

const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const SYMBOLS = new Set(['(', ')', ',', '!', '=', '==', '!=', '>', '<']);
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

/** The lexer: identifiers run to a special symbol or blank; symbols take the longest run that is a token. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && WHITESPACE.has(text.charAt(i))) i++;
    if (i >= text.length) {
      out.push({ kind: 'end', text: '' });
      return out;
    }
    if (SPECIAL.has(text.charAt(i))) {
      let symbol = text.charAt(i++);
      while (i < text.length && SPECIAL.has(text.charAt(i)) && SYMBOLS.has(symbol + text.charAt(i)))
        symbol += text.charAt(i++);
      out.push({ kind: symbol as Kind, text: symbol });
      continue;
    }
    let word = '';
    while (i < text.length && !SPECIAL.has(text.charAt(i)) && !WHITESPACE.has(text.charAt(i))) word += text.charAt(i++);
    out.push({ kind: word === 'in' || word === 'notin' ? word : 'id', text: word });
  }
}

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** validation.IsQualifiedName: [DNS subdomain "/"] name, the name at most 63 characters. */
function keyProblem(key: string): string | undefined {
  const parts = key.split('/');
  const name = parts[parts.length - 1] ?? '';
  if (parts.length > 2) return `invalid label key "${key}": a qualified name has at most one "/"`;
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix === '') return `invalid label key "${key}": prefix part must be non-empty`;
    if (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))
      return `invalid label key "${key}": prefix part must be a lowercase RFC 1123 subdomain`;
  }
  if (name === '') return `invalid label key "${key}": name part must be non-empty`;
  if (name.length > 63) return `invalid label key "${key}": name part must be no more than 63 characters`;
  if (!NAME.test(name))
    return `invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
  return undefined;
}

/** validation.IsValidLabelValue: empty, or at most 63 characters of the name alphabet. */
function valueProblem(key: string, value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63) return `invalid label value "${value}" of key "${key}": must be no more than 63 characters`;
  if (!NAME.test(value))
    return `invalid label value "${value}" of key "${key}": must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
  return undefined;
}

class Parser {
  private position = 0;
  constructor(private readonly items: Token[]) {}

  /** In a value position `in` and `notin` are plain identifiers. */
  private look(values: boolean): Token {
    const token = this.items[this.position] ?? { kind: 'end', text: '' };
    return values && (token.kind === 'in' || token.kind === 'notin') ? { kind: 'id', text: token.text } : token;
  }

  private take(values: boolean): Token {
    const token = this.look(values);
    this.position++;
    return token;
  }

  parse(): SelectorParse {
    const requirements: SelectorRequirement[] = [];
    for (;;) {
      const next = this.look(true);
      if (next.kind === 'end') return { requirements };
      if (next.kind !== 'id' && next.kind !== '!')
        return { error: `found '${next.text}', expected: !, identifier, or 'end of string'` };
      const requirement = this.requirement();
      if ('error' in requirement) return { error: `unable to parse requirement: ${requirement.error}` };
      requirements.push(requirement);
      const after = this.take(true);
      if (after.kind === 'end') return { requirements };
      if (after.kind !== ',') return { error: `found '${after.text}', expected: ',' or 'end of string'` };
      const following = this.look(true);
      if (following.kind !== 'id' && following.kind !== '!')
        return { error: `found '${following.text}', expected: identifier after ','` };
    }
  }

  private requirement(): SelectorRequirement | { error: string } {
    let token = this.take(true);
    let operator: SelectorOperator | undefined;
    if (token.kind === '!') {
      operator = '!';
      token = this.take(true);
    }
    if (token.kind !== 'id') return { error: `found '${token.text}', expected: identifier` };
    const key = token.text;
    const badKey = keyProblem(key);
    if (badKey) return { error: badKey };
    const next = this.look(true).kind;
    if (operator === '!' || next === 'end' || next === ',') return { key, operator: operator ?? 'exists', values: [] };
    const op = this.take(false);
    const operators: Partial<Record<Kind, SelectorOperator>> = {
      in: 'in',
      notin: 'notin',
      '=': '=',
      '==': '==',
      '!=': '!=',
      '>': 'gt',
      '<': 'lt',
    };
    operator = operators[op.kind];
    if (!operator) return { error: `found '${op.text}', expected: in, notin, =, ==, !=, gt, lt` };
    const values = operator === 'in' || operator === 'notin' ? this.valueSet() : this.exactValue();
    if ('error' in values) return values;
    for (const value of values.list) {
      const bad = valueProblem(key, value);
      if (bad) return { error: bad };
      if ((operator === 'gt' || operator === 'lt') && !/^[-+]?\d+$/.test(value))
        return { error: `for 'Gt', 'Lt' operators, the value must be an integer: "${value}"` };
    }
    return { key, operator, values: values.list };
  }

  private valueSet(): { list: string[] } | { error: string } {
    const open = this.take(true);
    if (open.kind !== '(') return { error: `found '${open.text}' expected: '('` };
    const first = this.look(true);
    if (first.kind === ')') {
      this.take(true);
      return { list: [''] };
    }
    if (first.kind !== 'id' && first.kind !== ',')
      return { error: `found '${first.text}', expected: ',', ')' or identifier` };
    const list = new Set<string>();
    for (;;) {
      const token = this.take(true);
      if (token.kind === 'id') {
        list.add(token.text);
        const next = this.look(true);
        if (next.kind === ',') continue;
        if (next.kind === ')') break;
        return { error: `found '${next.text}', expected: ',' or ')'` };
      }
      if (token.kind !== ',') return { error: `found '${token.text}', expected: ',', or identifier` };
      if (list.size === 0) list.add('');
      const next = this.look(true);
      if (next.kind === ')') {
        list.add('');
        break;
      }
      if (next.kind === ',') {
        this.take(true);
        list.add('');
      }
    }
    const close = this.take(true);
    if (close.kind !== ')') return { error: `found '${close.text}', expected: ')'` };
    return { list: [...list] };
  }

  private exactValue(): { list: string[] } | { error: string } {
    const next = this.look(true);
    if (next.kind === 'end' || next.kind === ',') return { list: [''] };
    const token = this.take(true);
    if (token.kind === 'id') return { list: [token.text] };
    return { error: `found '${token.text}', expected: identifier` };
  }
}

/** labels.Parse: what `velero backup get --selector` and the describe commands do with their string. */
export function parseLabelSelector(text: string): SelectorParse {
  return new Parser(tokens(text)).parse();
}

/**
 * Velero's `--selector` and each part of `--or-selector` (metav1.ParseToLabelSelector): the error pflag reports as
 * the flag's invalid argument, or undefined when the selector is accepted.
 */
export function labelSelectorFlagProblem(text: string): string | undefined {
  const parsed = parseLabelSelector(text);
  if ('error' in parsed) return `couldn't parse the selector string "${text}": ${parsed.error}`;
  for (const r of parsed.requirements) {
    if (r.operator === '!=') return '"!=" is not a valid label selector operator';
    if (r.operator === 'gt' || r.operator === 'lt') return `"${r.operator}" isn't supported in label selectors`;
  }
  return undefined;
}
