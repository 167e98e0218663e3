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
