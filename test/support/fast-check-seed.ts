/**
 * Makes every fast-check property reproducible: by default all of them run from one fixed seed,
 * so a test run is the same on every machine; `FC_SEED=<n>` picks another seed and
 * `FC_SEED=random` lets fast-check choose (the seed of a failure is always printed).
 */
import fc from 'fast-check';

const requested = process.env['FC_SEED'];
if (requested !== 'random') {
  const seed = requested === undefined ? 20_261_121 : Number(requested);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or 'random', got ${requested}`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}
