import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { faultSpecId, type FaultSpec } from './fault-spec.js';
import { connectionOf, planPairs, runSignature, singleFaults, type SingleRun } from './exploration-plan.js';
import type { Interaction } from './interaction.js';
import { step } from './test-journal.js';

const at = (nth: number, s: number): Interaction => ({ upstream: 'gw', route: 'POST /charges', nth, step: s, link: 'payment' });
const http = (kind: 'http:500' | 'http:503-retry-after' | 'http:429', nth: number): FaultSpec => ({ layer: 'http', kind, upstream: 'gw', route: 'POST /charges', nth });
const alphabet = { http: ['http:500', 'http:hang'] as const, tcp: ['tcp:down'] as const };

describe('exploration plan', () => {
  it('tries every HTTP fault at every interaction and every TCP fault on each link during each request that used it', () => {
    const singles = singleFaults([at(1, 0), at(2, 0), at(3, 1)], alphabet).map((set) => set.map(faultSpecId).join());
    assert.deepEqual(singles, [
      'http:500@gw:POST:/charges#1', 'http:hang@gw:POST:/charges#1',
      'http:500@gw:POST:/charges#2', 'http:hang@gw:POST:/charges#2',
      'http:500@gw:POST:/charges#3', 'http:hang@gw:POST:/charges#3',
      'tcp:down@payment:request1', 'tcp:down@payment:request2',
    ]);
  });

  it('names TCP positions by the connection each request used and closes a pooled connection between two requests that use the link', () => {
    // Connection 1 opened in request 1 and kept alive for request 2; request 3 found it gone and opened connection 2.
    const connections = [
      { link: 'payment', nth: 1, openedIn: 0, idleAfter: [0, 1] },
      { link: 'payment', nth: 2, openedIn: 2, idleAfter: [2] },
    ];
    const singles = singleFaults([at(1, 0), at(2, 1), at(3, 2)], { http: [], tcp: ['tcp:down', 'tcp:latency'] }, connections).map((set) => set.map(faultSpecId).join());
    assert.deepEqual(singles, [
      'tcp:down@payment:connection1:request1', 'tcp:latency@payment:connection1:request1',
      'tcp:down@payment:connection1:request2', 'tcp:latency@payment:connection1:request2',
      'tcp:down@payment:connection2:request3', 'tcp:latency@payment:connection2:request3',
      // Only the faults that close an idle connection, and only before a request that uses the link.
      'tcp:down@payment:connection1:idle-after-request1', 'tcp:down@payment:connection1:idle-after-request2',
    ]);
    // A pool of connections (a warm-up's): one idle position per gap, named by no single connection.
    const pool = [1, 2].map((nth) => ({ link: 'payment', nth, openedIn: -1, idleAfter: [0, 1, 2] }));
    assert.deepEqual(singleFaults([at(1, 0), at(2, 1)], { http: [], tcp: ['tcp:down'] }, pool).map((set) => set.map(faultSpecId).join()), ['tcp:down@payment:request1', 'tcp:down@payment:request2', 'tcp:down@payment:idle-after-request1']);
    assert.equal(connectionOf([{ link: 'payment', nth: 1, openedIn: -1, idleAfter: [] }], 'payment', 0), 1);
    assert.equal(connectionOf([], 'payment', 0), undefined);
  });

  it('pairs a first fault with the alphabet at each later interaction it reached, nearest first', () => {
    const reached = [at(1, 0), at(2, 0), at(3, 1)];
    const plan = planPairs([{ faults: [http('http:500', 1)], reached, signature: 'a' }], alphabet);
    assert.deepEqual(plan.pairs.map((pair) => pair.map(faultSpecId).join(' + ')), [
      'http:500@gw:POST:/charges#1 + http:500@gw:POST:/charges#2',
      'http:500@gw:POST:/charges#1 + http:hang@gw:POST:/charges#2',
      'http:500@gw:POST:/charges#1 + http:500@gw:POST:/charges#3',
      'http:500@gw:POST:/charges#1 + http:hang@gw:POST:/charges#3',
    ]);
    assert.equal(plan.withoutPruning, 4);
    assert.equal(plan.pruned, 0);
  });

  it("prunes the pairs of a first fault whose run looked like an earlier one's (Filibuster's rule) and counts them", () => {
    const reached = [at(1, 0), at(2, 0), at(3, 1)];
    const same = runSignature([step(0), step(1)], reached);
    const singles: SingleRun[] = [
      { faults: [http('http:500', 1)], reached, signature: same },
      { faults: [http('http:503-retry-after', 1)], reached, signature: same },
      { faults: [http('http:429', 1)], reached: [at(1, 0), at(2, 1)], signature: runSignature([step(0, { status: 502, problemType: 'payment-rejected' }), step(1)], [at(1, 0), at(2, 1)]) },
    ];
    const plan = planPairs(singles, alphabet);
    assert.equal(plan.withoutPruning, 4 + 4 + 2);
    assert.equal(plan.pruned, 4);
    assert.ok(plan.pairs.every((pair) => pair[0]!.kind !== 'http:503-retry-after'));
    assert.equal(plan.pairs.length, 6);
  });

  it('pairs a TCP fault only with interactions of later requests', () => {
    const tcp: FaultSpec = { layer: 'tcp', kind: 'tcp:down', link: 'payment', step: 0 };
    const plan = planPairs([{ faults: [tcp], reached: [at(1, 1), at(2, 2)], signature: 'x' }], { http: ['http:500'], tcp: [] });
    assert.deepEqual(plan.pairs.map((pair) => faultSpecId(pair[1]!)), ['http:500@gw:POST:/charges#1', 'http:500@gw:POST:/charges#2']);
  });

  it('signs a run by what callers saw and which interactions it reached', () => {
    assert.equal(runSignature([step(0), step(1, { status: 503, problemType: 'payment-unavailable' })], [at(1, 0)]), '201 | 503 payment-unavailable || gw POST /charges #1@0');
  });
});

describe('container faults in the plan', () => {
  it('pause each upstream once per workload request that reached it', () => {
    const interactions = [
      { upstream: 'payment-gateway', route: 'POST /charges', nth: 1, step: 0, link: 'payment' },
      { upstream: 'payment-gateway', route: 'POST /charges', nth: 2, step: 0, link: 'payment' },
      { upstream: 'payment-gateway', route: 'POST /charges', nth: 3, step: 1, link: 'payment' },
    ];
    const singles = singleFaults(interactions, { http: [], tcp: [], container: ['container:pause'] }).map((set) => set.map(faultSpecId).join());
    assert.deepEqual(singles, ['container:pause@payment-gateway:request1', 'container:pause@payment-gateway:request2']);
  });
});
