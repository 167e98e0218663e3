import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { counterexampleIdentity, formatCounterexample, replayCommand } from './counterexample.js';
import { parseFaultSpecs } from './fault-spec.js';
import { parseExploreArguments } from './explore-arguments.js';

describe('counterexamples', () => {
  const faults = parseFaultSpecs('http:500@payment-gateway:POST:/charges#1,http:hang@payment-gateway:POST:/charges#2');

  it('replays with a command that the explore command reads back into the same fault set and seed', () => {
    const command = replayCommand({ config: 'faultline.config.ts', requests: 3, faults, seed: 42, mutant: 'retry-after-5xx-unbounded' });
    assert.equal(command, "FAULTLINE_MUTANT=retry-after-5xx-unbounded npx faultline explore faultline.config.ts --requests 3 --seed 42 --faults 'http:500@payment-gateway:POST:/charges#1,http:hang@payment-gateway:POST:/charges#2'");
    const args = command.split(' explore ')[1]!.replace(/'/g, '').split(' ');
    const parsed = parseExploreArguments(args);
    assert.deepEqual(parsed.faults, faults);
    assert.equal(parsed.seed, 42);
    assert.equal(parsed.requests, 3);
    assert.equal(parsed.config, 'faultline.config.ts');
  });

  it('replays with the oracles, statuses, deadline and slowness the exploration judged by, where they differ from the defaults', () => {
    const command = replayCommand({ config: 'fixtures/tip-jar/faultline.config.ts', requests: 2, faults, seed: 9, oracles: ['deadline', 'problem-json'], statuses: [201, 502], deadlineMs: 1_000, slowMs: 1_500 });
    assert.equal(command, "npx faultline explore fixtures/tip-jar/faultline.config.ts --requests 2 --oracles deadline,problem-json --statuses 201,502 --deadline 1000ms --seed 9 --faults 'http:500@payment-gateway:POST:/charges#1,http:hang@payment-gateway:POST:/charges#2'");
    const parsed = parseExploreArguments(command.split(' explore ')[1]!.replace(/'/g, '').split(' '));
    assert.deepEqual(parsed.oracles, ['deadline', 'problem-json']);
    assert.deepEqual(parsed.statuses, [201, 502]);
    assert.equal(parsed.deadlineMs, 1_000);
    assert.equal(parsed.slowMs, 1_500);
  });

  it("replays a scenario's counterexample with the scenario and its configuration", () => {
    const command = replayCommand({ config: 'fixtures/tip-jar/faultline.config.ts', requests: 3, faults: faults.slice(0, 1), seed: 7, scenario: 'fixtures/tip-jar/features/tip-jar.feature:27' });
    assert.equal(command, "FAULTLINE_CONFIG=fixtures/tip-jar/faultline.config.ts npx faultline explore fixtures/tip-jar/features/tip-jar.feature:27 --seed 7 --faults 'http:500@payment-gateway:POST:/charges#1'");
    const parsed = parseExploreArguments(command.split(' explore ')[1]!.replace(/'/g, '').split(' '));
    assert.equal(parsed.scenario, 'fixtures/tip-jar/features/tip-jar.feature:27');
    assert.deepEqual(parsed.faults, faults.slice(0, 1));
    const text = formatCounterexample({ oracle: 'scenario', detail: 'failed at Then "x": …', faults: ['http:500@payment-gateway:POST:/charges#1'], foundWith: [], shrinks: 0, seed: 7, outcomes: ['failed at Then "x"'], scenario: 'f.feature:27', replay: command });
    assert.match(text, /\n {2}outcomes: f\.feature:27 failed at Then "x"\n/);
  });

  it('prints every failure in one fixed form: oracle, minimal set, what found it, seed, outcomes, detail, replay', () => {
    const text = formatCounterexample({
      oracle: 'deadline',
      detail: 'past the 2000 ms deadline: request 1 -> TIMEOUT in 5001 ms',
      faults: ['http:500@payment-gateway:POST:/charges#1', 'http:hang@payment-gateway:POST:/charges#2'],
      foundWith: ['http:500@payment-gateway:POST:/charges#1', 'http:hang@payment-gateway:POST:/charges#2'],
      shrinks: 0,
      seed: 42,
      outcomes: ['TIMEOUT', '201', '201'],
      replay: 'npx faultline explore …',
    });
    assert.deepEqual(text.split('\n').map((line) => line.split(':')[0]!.trim()), ['Counterexample', 'fault set (minimal)', 'found with', 'seed', 'outcomes', 'got', 'replay']);
    assert.match(text, /found with: .* \(0 shrinks\)/);
    assert.match(text, /request 1 -> TIMEOUT; request 2 -> 201; request 3 -> 201/);
  });

  it('takes the same oracle broken by the same minimal set as one finding, whatever the order', () => {
    assert.equal(counterexampleIdentity({ oracle: 'deadline', faults: ['b', 'a'] }), counterexampleIdentity({ oracle: 'deadline', faults: ['a', 'b'] }));
    assert.notEqual(counterexampleIdentity({ oracle: 'deadline', faults: ['a'] }), counterexampleIdentity({ oracle: 'problem-json', faults: ['a'] }));
  });
});
