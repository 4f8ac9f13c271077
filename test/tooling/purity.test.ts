// The purity check of the core (scripts/purity.mjs) catches what DESIGN.md forbids and lets
// through what merely mentions it.
import { describe, expect, it } from 'vitest';
import { findImpurities } from '../../scripts/purity.mjs';

describe('core purity check', () => {
  it.each([
    ['const t = Date.now();', 'Date'],
    ['const d = new Date();', 'Date'],
    ['const t = performance.now();', 'performance'],
    ['setTimeout(() => {}, 1);', 'setTimeout'],
    ['setInterval(() => {}, 1);', 'setInterval'],
    ['const r = Math.random();', 'Math.random'],
    ['const u = crypto.randomUUID();', 'crypto'],
    ['const b = Buffer.from([]);', 'Buffer'],
    ["import { readFileSync } from 'node:fs';", "import of 'node:fs'"],
    ["import * as fs from 'fs';", "import of 'fs'"],
    ["export { x } from 'node:util';", "import of 'node:util'"],
    ['const now = globalThis.Date;', 'globalThis.Date'],
    ["const m = await import('x');", 'dynamic import()'],
  ])('flags %s', (source, what) => {
    const found = findImpurities(source);
    expect(found.map((f) => f.what)).toContain(what);
    expect(found[0]?.line).toBe(1);
  });

  it.each([
    '// Date.now() is not allowed here',
    "const s = 'setTimeout and Math.random in a string';",
    'const o = { setTimeout: 1, Date: 2 }; o.Date;',
    'interface T { performance: number }',
    "import { z } from 'zod';",
    'const nowMs = input.nowMs;',
  ])('accepts %s', (source) => {
    expect(findImpurities(source)).toEqual([]);
  });

  it('reports the line of each violation', () => {
    expect(findImpurities('const a = 1;\nconst b = 2;\nDate.now();').map((f) => f.line)).toEqual([3]);
  });
});
