// Every transcript under test/scenarios/consumer/member runs against a fresh KIP-848 member,
// driven by hand with the coordinator's answers written in the file. UPDATE_TESTDATA=1 rewrites
// the expected outputs (review the diff like code).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTestFile, walkTestFiles } from '../../support/datadriven.js';
import { ConsumerMemberScenarioRunner } from './commands.js';

const dir = fileURLToPath(new URL('../../scenarios/consumer/member', import.meta.url));
const files = walkTestFiles(dir);

describe('KIP-848 member scenarios', () => {
  it('has scenario files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [f.slice(dir.length + 1), f]))('%s', (_name, path) => {
    const runner = new ConsumerMemberScenarioRunner();
    const mismatch = runTestFile(path, (d) => runner.run(d));
    if (mismatch !== undefined) {
      expect(mismatch.actual, `output differs at ${mismatch.pos}`).toBe(mismatch.expected);
    }
  });
});
