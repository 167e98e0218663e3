import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FaultlineError } from '../errors.js';
import { exploreDefaults, parseExploreArguments } from './explore-arguments.js';

describe('faultline explore arguments', () => {
  it('has defaults for everything but the configuration (the oracles: every one that applies, decided with the stack)', () => {
    const args = parseExploreArguments([], () => 7);
    assert.deepEqual(args, {
      requests: exploreDefaults.requests,
      budgetRuns: 60,
      budgetMs: 90_000,
      statuses: exploreDefaults.statuses,
      deadlineMs: 2_000,
      slowMs: 1_500,
      seed: 7,
      pairs: true,
      stopAtFirstFailure: true,
    });
  });

  it('reads the budget in runs and seconds, durations and a configuration', () => {
    const args = parseExploreArguments(['fixtures/tip-jar/faultline.config.ts', '--budget-runs', '40', '--budget-seconds=30', '--deadline', '1s', '--statuses', '200,503,504', '--singles-only', '--keep-going']);
    assert.equal(args.config, 'fixtures/tip-jar/faultline.config.ts');
    assert.equal(args.budgetRuns, 40);
    assert.equal(args.budgetMs, 30_000);
    assert.equal(args.deadlineMs, 1_000);
    assert.deepEqual(args.statuses, [200, 503, 504]);
    assert.equal(args.pairs, false);
    assert.equal(args.stopAtFirstFailure, false);
    assert.deepEqual(parseExploreArguments(['--oracles', 'history,deadline']).oracles, ['history', 'deadline']);
    const scenario = parseExploreArguments(['fixtures/tip-jar/features/tip-jar.feature:26', '--budget-runs', '20']);
    assert.equal(scenario.scenario, 'fixtures/tip-jar/features/tip-jar.feature:26');
    assert.equal(scenario.config, undefined);
  });

  it('refuses unknown options, missing values and bad budgets, naming them', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--budget'], /no option --budget/],
      [['--budget-runs'], /--budget-runs needs a value/],
      [['--budget-runs', '0'], /--budget-runs must be a whole number >= 1, got "0"/],
      [['--statuses', '201,ok'], /"ok" is not one/],
      [['a.ts', 'b.ts'], /one configuration/],
    ];
    for (const [argv, message] of cases) {
      assert.throws(() => parseExploreArguments(argv), (error: unknown) => error instanceof FaultlineError && message.test(error.message), argv.join(' '));
    }
  });
});
