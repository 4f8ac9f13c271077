/**
 * A small runner for transcript files in the format of cockroachdb/datadriven (as etcd raft
 * uses it). A file is a sequence of directives:
 *
 * ```
 * # comment lines (and blank lines) between directives
 * command arg key=value key=(v1, v2)
 * optional input lines
 * ----
 * expected output (ends at the first blank line)
 * ```
 *
 * An expected output that contains blank lines is written between a doubled separator:
 * `----` twice after the input, and `----` twice after the output. With `UPDATE_TESTDATA=1`
 * the runner rewrites the expected outputs in place instead of comparing them; review the diff
 * like code. It is generic: a machine's harness supplies a function from directive to output.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One argument of a directive: `key`, `key=value` or `key=(v1, v2)`. */
export interface CmdArg {
  readonly key: string;
  /** Empty for a bare `key`. */
  readonly vals: readonly string[];
}

/** One directive of a transcript file. */
export interface TestData {
  /** `file:line` of the directive, for failure messages. */
  readonly pos: string;
  readonly cmd: string;
  readonly cmdArgs: readonly CmdArg[];
  /** The input lines, joined with newlines ("" when none). */
  readonly input: string;
  /** The expected output, without its trailing newline. */
  readonly expected: string;
  /** Line index (0-based) of the first line after the `----` separator(s). */
  readonly outputStart: number;
  /** Line index one past the last line of the expected output (and its closing separators). */
  readonly outputEnd: number;
}

const SEPARATOR = '----';

/** Splits a directive line into command and arguments. Throws for a malformed line. */
export function parseDirective(line: string, pos: string): { cmd: string; cmdArgs: CmdArg[] } {
  const tokens: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) break;
    let j = i;
    let depth = 0;
    while (j < line.length && (depth > 0 || (line[j] !== ' ' && line[j] !== '\t'))) {
      if (line[j] === '(') depth++;
      else if (line[j] === ')') depth--;
      j++;
    }
    if (depth !== 0) throw new Error(`${pos}: unbalanced parentheses in ${JSON.stringify(line)}`);
    tokens.push(line.slice(i, j));
    i = j;
  }
  const [cmd, ...rest] = tokens;
  if (cmd === undefined) throw new Error(`${pos}: empty directive`);
  return { cmd, cmdArgs: rest.map((t) => parseArg(t)) };
}

function unquote(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

function parseArg(token: string): CmdArg {
  const eq = token.indexOf('=');
  if (eq < 0) return { key: token, vals: [] };
  const key = token.slice(0, eq);
  const value = token.slice(eq + 1);
  if (value.startsWith('(') && value.endsWith(')')) {
    const inner = value.slice(1, -1).trim();
    return { key, vals: inner === '' ? [] : inner.split(',').map((v) => unquote(v.trim())) };
  }
  return { key, vals: [unquote(value)] };
}

/** Parses a transcript file's text into its directives. Throws with `file:line` for bad syntax. */
export function parseTestFile(text: string, fileName: string): TestData[] {
  const lines = text.split('\n');
  const out: TestData[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = (lines[i] as string).trimEnd();
    if (line === '' || line.startsWith('#')) {
      i++;
      continue;
    }
    const pos = `${fileName}:${i + 1}`;
    const { cmd, cmdArgs } = parseDirective(line, pos);
    i++;
    const input: string[] = [];
    while (i < lines.length && (lines[i] as string).trimEnd() !== SEPARATOR) input.push(lines[i++] as string);
    if (i >= lines.length) throw new Error(`${pos}: directive without a ${SEPARATOR} line`);
    i++;
    const doubled = i < lines.length && (lines[i] as string).trimEnd() === SEPARATOR;
    if (doubled) i++;
    const outputStart = i;
    const expected: string[] = [];
    if (doubled) {
      while (i + 1 < lines.length && !((lines[i] as string).trimEnd() === SEPARATOR && (lines[i + 1] as string).trimEnd() === SEPARATOR)) {
        expected.push(lines[i++] as string);
      }
      if (i + 1 >= lines.length) throw new Error(`${pos}: doubled ${SEPARATOR} output is not closed`);
      i += 2;
    } else {
      while (i < lines.length && (lines[i] as string).trim() !== '') expected.push(lines[i++] as string);
    }
    out.push({ pos, cmd, cmdArgs, input: input.join('\n'), expected: expected.join('\n'), outputStart, outputEnd: i });
  }
  return out;
}

/** Formats an output block for the file: doubled separators when it contains a blank line. */
function outputLines(actual: string): { lines: string[]; doubled: boolean } {
  const body = actual.replace(/\n+$/, '');
  const lines = body === '' ? [] : body.split('\n');
  const doubled = lines.some((l) => l.trim() === '');
  return { lines: doubled ? [...lines, SEPARATOR, SEPARATOR] : lines, doubled };
}

/** Rewrites `text` with `actuals` (one per directive, in order) as the expected outputs. */
export function rewriteTestFile(text: string, directives: readonly TestData[], actuals: readonly string[]): string {
  const lines = text.split('\n');
  for (let k = directives.length - 1; k >= 0; k--) {
    const d = directives[k] as TestData;
    const { lines: block, doubled } = outputLines(actuals[k] ?? '');
    // The separator line(s) sit just before outputStart: one, or two when doubled.
    const hadDouble = d.outputStart >= 2 && (lines[d.outputStart - 2] as string).trimEnd() === SEPARATOR;
    const sepStart = hadDouble ? d.outputStart - 2 : d.outputStart - 1;
    const seps = doubled ? [SEPARATOR, SEPARATOR] : [SEPARATOR];
    lines.splice(sepStart, d.outputEnd - sepStart, ...seps, ...block);
  }
  return lines.join('\n');
}

/** True when the run should rewrite expected outputs instead of comparing them. */
export function updateMode(): boolean {
  const v = process.env['UPDATE_TESTDATA'];
  return v !== undefined && v !== '' && v !== '0' && v !== 'false';
}

/** What a harness returns for one directive: the actual output. */
export type DirectiveHandler = (d: TestData) => string;

/** A mismatch between expected and actual output. */
export interface Mismatch {
  readonly pos: string;
  readonly expected: string;
  readonly actual: string;
}

/**
 * Runs every directive of the transcript text through `handler`, in order. Returns the
 * directives, the actual outputs, and the first mismatch (if any; later directives still run,
 * so that an update rewrites the whole file).
 */
export function runTestText(
  text: string,
  fileName: string,
  handler: DirectiveHandler,
): { directives: TestData[]; actuals: string[]; mismatch: Mismatch | undefined } {
  const directives = parseTestFile(text, fileName);
  const actuals: string[] = [];
  let mismatch: Mismatch | undefined;
  for (const d of directives) {
    let actual: string;
    try {
      actual = handler(d).replace(/\n+$/, '');
    } catch (e) {
      throw new Error(`${d.pos}: ${d.cmd} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    actuals.push(actual);
    if (mismatch === undefined && actual !== d.expected) mismatch = { pos: d.pos, expected: d.expected, actual };
  }
  return { directives, actuals, mismatch };
}

/**
 * Runs a transcript file. In update mode it rewrites the file's expected outputs and returns
 * undefined; otherwise it returns the first mismatch (undefined when every output matched).
 */
export function runTestFile(path: string, handler: DirectiveHandler): Mismatch | undefined {
  const text = readFileSync(path, 'utf8');
  const { directives, actuals, mismatch } = runTestText(text, path, handler);
  if (updateMode()) {
    const rewritten = rewriteTestFile(text, directives, actuals);
    if (rewritten !== text) writeFileSync(path, rewritten);
    return undefined;
  }
  return mismatch;
}

/** The `.txt` transcript files under `dir`, recursively, sorted. */
export function walkTestFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walkTestFiles(path));
    else if (name.endsWith('.txt')) out.push(path);
  }
  return out;
}

/** The values of argument `key`, or undefined when the directive lacks it. */
export function argVals(d: TestData, key: string): readonly string[] | undefined {
  return d.cmdArgs.find((a) => a.key === key)?.vals;
}

/** The single value of argument `key`, `fallback` when absent; throws when it has several. */
export function argString(d: TestData, key: string, fallback?: string): string | undefined {
  const vals = argVals(d, key);
  if (vals === undefined) return fallback;
  if (vals.length > 1) throw new Error(`${d.pos}: ${key} takes one value`);
  return vals[0] ?? '';
}

/** The integer value of argument `key`, `fallback` when absent; throws when it is not an integer. */
export function argInt(d: TestData, key: string, fallback?: number): number | undefined {
  const s = argString(d, key);
  if (s === undefined) return fallback;
  const n = Number(s);
  if (!Number.isInteger(n)) throw new Error(`${d.pos}: ${key}=${s} is not an integer`);
  return n;
}

/** True when the directive has argument `key` (with or without a value). */
export function hasArg(d: TestData, key: string): boolean {
  return d.cmdArgs.some((a) => a.key === key);
}
