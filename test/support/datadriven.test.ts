// The transcript runner: parsing of directives, arguments, inputs and (doubled) outputs,
// comparison, and the rewrite that UPDATE_TESTDATA performs.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { argInt, argString, argVals, hasArg, parseDirective, parseTestFile, rewriteTestFile, runTestFile, runTestText } from './datadriven.js';

const SAMPLE = [
  '# a comment',
  '',
  'echo a=1 b=(x, y) flag c=""',
  'line one',
  'line two',
  '----',
  'out',
  '',
  '# blank lines inside need a doubled separator',
  'multi',
  '----',
  '----',
  'first',
  '',
  'third',
  '----',
  '----',
  '',
  'empty',
  '----',
  '',
].join('\n');

describe('datadriven parser', () => {
  it('parses commands, arguments, inputs and outputs', () => {
    const ds = parseTestFile(SAMPLE, 'sample.txt');
    expect(ds.map((d) => d.cmd)).toEqual(['echo', 'multi', 'empty']);
    const [echo, multi, empty] = ds;
    expect(echo?.pos).toBe('sample.txt:3');
    expect(echo?.cmdArgs).toEqual([
      { key: 'a', vals: ['1'] },
      { key: 'b', vals: ['x', 'y'] },
      { key: 'flag', vals: [] },
      { key: 'c', vals: [''] },
    ]);
    expect(echo?.input).toBe('line one\nline two');
    expect(echo?.expected).toBe('out');
    expect(multi?.expected).toBe('first\n\nthird');
    expect(empty?.expected).toBe('');
  });

  it('reads argument helpers', () => {
    const [d] = parseTestFile('cmd n=42 s=hello l=(1,2) bare\n----\n', 'x.txt');
    if (d === undefined) throw new Error('no directive');
    expect(argInt(d, 'n')).toBe(42);
    expect(argString(d, 's')).toBe('hello');
    expect(argVals(d, 'l')).toEqual(['1', '2']);
    expect(hasArg(d, 'bare')).toBe(true);
    expect(argString(d, 'missing', 'dflt')).toBe('dflt');
    expect(() => argInt(d, 's')).toThrow(/not an integer/);
  });

  it('keeps parenthesized lists with spaces together', () => {
    expect(parseDirective('join protocols=(range, roundrobin) v=9', 'p').cmdArgs).toEqual([
      { key: 'protocols', vals: ['range', 'roundrobin'] },
      { key: 'v', vals: ['9'] },
    ]);
    expect(() => parseDirective('join protocols=(range', 'p:1')).toThrow(/p:1/);
  });

  it('reports a directive without a separator with its position', () => {
    expect(() => parseTestFile('# c\ncmd\nno separator\n', 'bad.txt')).toThrow(/bad.txt:2/);
  });
});

describe('datadriven run and rewrite', () => {
  it('reports the first mismatch with its position', () => {
    const text = 'echo\n----\nyes\n\necho\n----\nno\n';
    const { mismatch, actuals } = runTestText(text, 't.txt', () => 'yes');
    expect(actuals).toEqual(['yes', 'yes']);
    expect(mismatch).toEqual({ pos: 't.txt:5', expected: 'no', actual: 'yes' });
  });

  it('rewrites outputs, switching to doubled separators when needed and back', () => {
    const ds = parseTestFile(SAMPLE, 's.txt');
    const rewritten = rewriteTestFile(SAMPLE, ds, ['new\nlines', 'single', 'a\n\nb']);
    const again = parseTestFile(rewritten, 's.txt');
    expect(again.map((d) => d.expected)).toEqual(['new\nlines', 'single', 'a\n\nb']);
    expect(again.map((d) => d.input)).toEqual(['line one\nline two', '', '']);
    // Rewriting with the same outputs is a fixed point.
    expect(rewriteTestFile(rewritten, again, ['new\nlines', 'single', 'a\n\nb'])).toBe(rewritten);
    expect(rewritten).toContain('# blank lines inside need a doubled separator');
  });

  describe('UPDATE_TESTDATA', () => {
    const saved = process.env['UPDATE_TESTDATA'];
    afterEach(() => {
      if (saved === undefined) delete process.env['UPDATE_TESTDATA'];
      else process.env['UPDATE_TESTDATA'] = saved;
    });

    it('rewrites the file in place in update mode, and compares otherwise', () => {
      const dir = mkdtempSync(join(tmpdir(), 'dd-'));
      const path = join(dir, 'f.txt');
      writeFileSync(path, '# c\nupper x=abc\n----\nwrong\n');
      const handler = (d: Parameters<Parameters<typeof runTestFile>[1]>[0]) => (argString(d, 'x') ?? '').toUpperCase();
      delete process.env['UPDATE_TESTDATA'];
      expect(runTestFile(path, handler)?.actual).toBe('ABC');
      process.env['UPDATE_TESTDATA'] = '1';
      expect(runTestFile(path, handler)).toBeUndefined();
      expect(readFileSync(path, 'utf8')).toBe('# c\nupper x=abc\n----\nABC\n');
      delete process.env['UPDATE_TESTDATA'];
      expect(runTestFile(path, handler)).toBeUndefined();
    });
  });
});
