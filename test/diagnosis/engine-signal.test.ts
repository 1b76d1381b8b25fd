/**
 * A diagnosis has 15 or more AWS calls in flight on one abort signal: Node must not print a
 * MaxListenersExceededWarning (on the CLI's stderr) for it.
 */
import nock from 'nock';
import { afterEach, expect, it } from 'vitest';
import { mockDiagnosisScenario, testEngine } from '../helpers/diagnosis-scenario.js';

afterEach(() => {
  nock.cleanAll();
});

it('a whole diagnosis raises no MaxListenersExceededWarning', async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  try {
    const scenario = mockDiagnosisScenario({ delayMs: 20 });
    const engine = testEngine();
    const report = await engine.diagnose(scenario.target);
    engine.close();
    expect(report.checks.length).toBeGreaterThan(5);
    await new Promise((r) => setImmediate(r));
  } finally {
    process.off('warning', onWarning);
  }
  expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
});
