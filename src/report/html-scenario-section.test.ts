import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyEvidence } from './evidence.js';
import { scenarioSection } from './html-scenario-section.js';
import type { ScenarioReport } from './resilience-report.js';

const t0 = Date.UTC(2026, 0, 1, 9, 0, 0);

function section(notes: Record<string, unknown>): string {
  const evidence = { ...emptyEvidence(), notes };
  evidence.faults.push({ kind: 'link-down', target: 'broker', description: 'the broker link is down', parameters: {}, injectedAt: t0, removedAt: t0 + 1000 });
  const scenario: ScenarioReport = {
    id: 'p1', feature: { name: 'Events', uri: 'features/events.feature' }, name: 'Events survive', tags: [], pattern: 'events', verdict: 'passed',
    attempts: 1, startedAt: t0, steps: [], exercisedFailure: true, evidence, evidenceProblems: [],
  };
  return scenarioSection(scenario, true);
}

describe('a scenario section', () => {
  it('draws each event journey step on its stage lane, on the scenario time axis with the fault shaded, with the checker figures', () => {
    const html = section({
      events: {
        check: { orders: 1, shippedOnce: 1, deadLettered: 0, lost: [], duplicated: [], unexpected: [] },
        stages: { published: 1, received: 2, acked: 1 },
        journey: [
          { at: t0 + 1200, event: 'published', orderId: 'o-1' },
          { at: t0 + 1300, event: 'received', orderId: 'o-1', delivery: 1 },
          { at: t0 + 1400, event: 'nak', orderId: 'o-1', delivery: 1, error: 'timeout', delayMs: 500 },
          { at: t0 + 1900, event: 'received', orderId: 'o-1', delivery: 2 },
          { at: t0 + 2000, event: 'acked', orderId: 'o-1', delivery: 2 },
        ],
      },
    });
    assert.match(html, /<figcaption>Event journeys: each dot is one step of one event<\/figcaption>/);
    assert.equal(html.match(/<circle class="journey-[\w-]+" cx="[\d.]+" cy="[\d.]+" r="3.5">/g)?.length, 5);
    assert.match(html, /<title>\+1\.400 s: nak, order o-1, delivery 1, timeout, next in 500 ms<\/title>/);
    assert.match(html, /<g class="fault-window">/);
    assert.match(html, /✓ 1 order: 1 shipped exactly once, 0 dead-lettered; 0 lost, 0 duplicated, 0 unexpected shipments/);
    assert.match(html, /event journey steps: 1 published, 2 received, 1 acked/);
  });

  it('shows the explored matrix with failing rows and columns first, the runs pruning saved and each counterexample with its replay', () => {
    const ok = { outcome: '201', broken: [] };
    const html = section({
      exploration: {
        stats: { runs: 3, pairsPlanned: 1, pairsPruned: 3, pairsWithoutPruning: 4, meanRunMs: 1707, stoppedBy: 'first counterexample' },
        matrix: {
          kinds: ['http:500', 'http:429'],
          rows: [
            { position: 'gw:POST:/charges#1', cells: { 'http:500': ok } },
            { position: 'gw:POST:/charges#2', cells: { 'http:500': ok, 'http:429': { outcome: '500', broken: ['documented-statuses'] } } },
          ],
          pairs: [{ faults: ['http:500@gw:POST:/charges#1', 'http:hang@gw:POST:/charges#2'], outcome: 'TIMEOUT', broken: ['deadline'] }],
        },
        counterexamples: [{ oracle: 'documented-statuses', detail: '500 is not documented', faults: ['http:429@gw:POST:/charges#2'], seed: 7, replay: "npx faultline explore faultline.config.ts --seed 7 --faults 'http:429@gw:POST:/charges#2'" }],
      },
    });
    assert.ok(html.indexOf('gw:POST:/charges#2') < html.indexOf('gw:POST:/charges#1'), 'the failing row comes first');
    assert.match(html, /<th>Interaction<\/th><th>http:429<\/th><th>http:500<\/th>/);
    assert.match(html, /<span class="bad">500<br>broke documented-statuses<\/span>/);
    assert.match(html, /3 runs, 1.71 s each on average; stopped at the first counterexample/);
    assert.match(html, /pruning saved 3 of 4 fault pairs \(1 planned\); 1 pairs run, 1 broke an invariant/);
    assert.match(html, /<td>documented-statuses<\/td><td><code>http:429@gw:POST:\/charges#2<\/code><\/td><td><code>7<\/code><\/td><td>500 is not documented<\/td><td><code>npx faultline explore faultline.config.ts --seed 7 --faults &#39;http:429@gw:POST:\/charges#2&#39;<\/code><\/td>/);
  });

  it('lists every key behind an integrity anomaly and when the check ran', () => {
    const keys = ['o-1', 'o-2', 'o-3', 'o-4'];
    const none: string[] = [];
    const html = section({
      integrity: {
        charges: 4, refunds: 0, reservations: 4, releases: 0, storedOrders: 0, orphanCharges: keys, orphanReservations: none, refundedButStored: none,
        releasedButStored: none, ordersWithoutCharge: none, ordersWithoutReservation: none, refundedTwice: none, releasedTwice: none, settledMs: 250, compensationsInProgress: 0,
      },
    });
    assert.match(html, /✗ 4 charges, 0 refunds, 4 reservations, 0 releases, 0 stored orders; 4 orphan charges \(o-1, o-2, o-3, o-4\); checked after 250 ms, no compensation in progress/);
  });

  it('draws nothing for notes that are not the checkers\' or the explorer\'s', () => {
    const html = section({ events: { journey: 'not a list' }, exploration: { runs: 3 } });
    assert.doesNotMatch(html, /Event journeys|Explored fault space/);
  });
});
