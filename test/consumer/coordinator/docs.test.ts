// docs/consumer-coordinator.md embeds the state table generated from the code's table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consumerGroupStateTableMarkdown } from '../../../src/consumer/coordinator/index.js';

describe('consumer coordinator docs', () => {
  it('embeds the current state table', () => {
    const doc = readFileSync(new URL('../../../docs/consumer-coordinator.md', import.meta.url), 'utf8');
    expect(doc).toContain(consumerGroupStateTableMarkdown());
  });
});
