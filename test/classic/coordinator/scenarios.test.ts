// Every transcript under test/scenarios/classic/coordinator runs against a fresh coordinator;
// the harness replays the log after every step and fails on any disagreement.
// UPDATE_TESTDATA=1 rewrites the expected outputs (review the diff like code).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTestFile, walkTestFiles } from '../../support/datadriven.js';
import { ScenarioRunner } from './commands.js';

const dir = fileURLToPath(new URL('../../scenarios/classic/coordinator', import.meta.url));
const files = walkTestFiles(dir);

describe('classic coordinator scenarios', () => {
  it('has scenario files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [f.slice(dir.length + 1), f]))('%s', (_name, path) => {
    const runner = new ScenarioRunner();
    const mismatch = runTestFile(path, (d) => runner.run(d));
    if (mismatch !== undefined) {
      expect(mismatch.actual, `output differs at ${mismatch.pos}`).toBe(mismatch.expected);
    }
  });
});
