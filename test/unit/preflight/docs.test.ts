import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  generatedRuleDocs,
  renderRuleDoc,
  ruleDocFile,
  ruleDocUrl,
  RULE_DOCS_BASE_URL,
} from '../../../src/preflight/docs.js';
import { RULES } from '../../../src/preflight/rules/index.js';

// dist/test/unit/preflight -> repository root
const root = join(fileURLToPath(import.meta.url), '..', '..', '..', '..', '..');

describe('preflight/docs (rule pages from rule metadata)', () => {
  it('gives every rule its own page, named after the rule, and the index', () => {
    const docs = generatedRuleDocs();
    expect(docs.size).to.equal(RULES.length + 1);
    expect(docs.has('README.md')).to.equal(true);
    for (const rule of RULES) expect(docs.get(ruleDocFile(rule)), rule.meta.id).to.be.a('string');
  });

  it('links each rule to its page in the repository (SARIF helpUri)', () => {
    for (const rule of RULES) expect(ruleDocUrl(rule)).to.equal(`${RULE_DOCS_BASE_URL}${rule.meta.name}.md`);
  });

  it("takes the repository's address from package.json (`repository`), its one place", () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { repository: { url: string } };
    const repository = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    expect(RULE_DOCS_BASE_URL).to.equal(`${repository}/blob/main/docs/rules/`);
  });

  it('writes the id, the why and every example of a rule on its page', () => {
    for (const rule of RULES) {
      const page = renderRuleDoc(rule);
      expect(page, rule.meta.id).to.include(rule.meta.id);
      for (const example of rule.meta.examples) {
        expect(page, rule.meta.id).to.include(example.bad);
        if (example.good) expect(page, rule.meta.id).to.include(example.good);
      }
    }
  });

  it('matches the pages committed under docs/rules', () => {
    for (const [file, content] of generatedRuleDocs())
      expect(readFileSync(join(root, 'docs', 'rules', file), 'utf8'), file).to.equal(content);
  });
});
