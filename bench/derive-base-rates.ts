/**
 * Writes src/triage/families/base-rates.ts: each family's cause shares from its documented prior and the confirmed
 * causes of the corpus (test/fixtures/corpus/*.jsonl). Run after adding corpus cases or changing a family:
 *   npm run derive-base-rates          (or --check: exit 1 when the file is out of date)
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DERIVED_BASE_RATES } from '../src/triage/families/base-rates.js';
import { deriveBaseRates, renderBaseRates } from './corpus/base-rates.js';
import { loadFolder } from './corpus/measure.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'src', 'triage', 'families', 'base-rates.ts');
const cases = loadFolder(join(root, 'test', 'fixtures', 'corpus'));
const derived = deriveBaseRates(cases);
if (process.argv.includes('--check')) {
  const same = JSON.stringify(DERIVED_BASE_RATES) === JSON.stringify(derived);
  console.log(same ? 'base rates are up to date' : 'base rates are out of date: run npm run derive-base-rates');
  process.exitCode = same ? 0 : 1;
} else {
  writeFileSync(target, renderBaseRates(derived, cases.length));
  console.log(`wrote ${target} from ${cases.length} corpus cases`);
}
