// Every transcript under test/scenarios/consumer/coordinator runs against a fresh coordinator;
// the harness replays the log after every step and fails on any disagreement with the live group.
// UPDATE_TESTDATA=1 rewrites the expected outputs (review the diff like code).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTestFile, walkTestFiles } from '../../support/datadriven.js';
import { ConsumerScenarioRunner } from './commands.js';

const dir = fileURLToPath(new URL('../../scenarios/consumer/coordinator', import.meta.url));
const files = walkTestFiles(dir);

describe('consumer coordinator scenarios', () => {
  it('has scenario files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [f.slice(dir.length + 1), f]))('%s', (_name, path) => {
    const runner = new ConsumerScenarioRunner();
    const mismatch = runTestFile(path, (d) => runner.run(d));
    if (mismatch !== undefined) {
      expect(mismatch.actual, `output differs at ${mismatch.pos}`).toBe(mismatch.expected);
    }
  });
});
