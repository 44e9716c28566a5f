import { expect } from 'chai';
import { encodeJson, JsonNumber, JsonSyntaxError, parseJsonExact, parseLossless } from '../../../src/host/item-json.js';

describe('host/item-json', () => {
  it('keeps numbers JavaScript would alter as their exact text, and writes them back verbatim', () => {
    const text = '{"a":9007199254740993,"b":1e400,"c":1.0,"d":-0,"e":0.0000001,"f":1.5,"g":[12345678901234567890]}';
    const parsed = parseJsonExact(text);
    expect(parsed.exact).to.equal(true);
    const value = parsed.value as Record<string, unknown>;
    expect(value.a).to.be.instanceOf(JsonNumber);
    expect(value.f).to.equal(1.5);
    expect(Number(value.c)).to.equal(1);
    expect(encodeJson(value, parsed.exact)).to.equal(text);
  });

  it('takes JSON.parse for items whose numbers all round-trip', () => {
    const parsed = parseJsonExact('{"a":1,"b":[0.5,-3,0],"s":"1.0 in a string is fine"}');
    expect(parsed.exact).to.equal(false);
    expect(parsed.value).to.deep.equal({ a: 1, b: [0.5, -3, 0], s: '1.0 in a string is fine' });
  });

  it('agrees with JSON.parse on strings, escapes, literals, empty containers and __proto__ keys', () => {
    const text =
      '{"s":"a\\"b\\\\c\\u00e9\\n","t":true,"f":false,"n":null,"o":{},"l":[],"x":[1,[2,{"y":"z"}]],"__proto__":{"p":1}}';
    const value = parseLossless(text).value as Record<string, unknown>;
    expect(value).to.deep.equal(JSON.parse(text));
    expect(Object.getPrototypeOf(value)).to.equal(Object.prototype);
    expect(Object.keys(value)).to.include('__proto__');
    expect(encodeJson(value, true)).to.equal(JSON.stringify(JSON.parse(text)));
  });

  it('reports syntax errors with a position and without quoting the text', () => {
    for (const bad of ['', '{', '{"a" 1}', '[1,]', '{"a":1}x', '"unterminated', 'nul', '{"a":01}', '{"a":"\\x"}']) {
      expect(() => parseLossless(bad), bad).to.throw(JsonSyntaxError, /at byte \d+$/);
    }
    try {
      parseJsonExact('{"secret":"s3cr3t" oops}');
    } catch (err) {
      expect((err as Error).message).not.to.include('s3cr3t');
    }
  });

  it('parses and writes 100,000 levels of nesting', () => {
    const depth = 100_000;
    const text = `${'{"a":['.repeat(depth)}1.0${']}'.repeat(depth)}`;
    const parsed = parseJsonExact(text);
    expect(encodeJson(parsed.value, parsed.exact)).to.equal(text);
    const plain = JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;
    expect(encodeJson(plain, false)).to.have.length(2 * depth);
  });

  it('writes like JSON.stringify: undefined members left out, null in arrays', () => {
    const value = { a: undefined, b: [undefined, 1], c: 'x' };
    expect(encodeJson(value, true)).to.equal(JSON.stringify(value));
  });
});
