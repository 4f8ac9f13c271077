// docs/classic-coordinator.md embeds the transition table generated from the code's table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transitionTableMarkdown } from '../../../src/classic/coordinator/index.js';

describe('classic coordinator docs', () => {
  it('embeds the current transition table', () => {
    const doc = readFileSync(new URL('../../../docs/classic-coordinator.md', import.meta.url), 'utf8');
    expect(doc).toContain(transitionTableMarkdown());
  });
});
