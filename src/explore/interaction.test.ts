import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interactionId, learnInteractions, upstreamLinks } from './interaction.js';
import { entry, step } from './test-journal.js';

describe('interaction learning', () => {
  const steps = [step(0), step(1, { startedAt: 2_000 })];

  it('numbers requests per (upstream, route) in arrival order and ties each to its workload request by X-Request-Id', () => {
    const interactions = learnInteractions(
      {
        steps,
        journals: [
          {
            upstream: 'payment-gateway',
            requests: [
              entry(3, { requestId: 'r2' }),
              entry(1, { requestId: 'r1' }),
              entry(2, { requestId: 'r1', route: 'POST /refunds', path: '/refunds' }),
            ],
          },
        ],
      },
      upstreamLinks([{ name: 'payment', to: 'payment-gateway:8080' }, { name: 'db', to: 'postgres:5432' }]),
    );
    assert.deepEqual(interactions, [
      { upstream: 'payment-gateway', route: 'POST /charges', nth: 1, step: 0, link: 'payment' },
      { upstream: 'payment-gateway', route: 'POST /refunds', nth: 1, step: 0, link: 'payment' },
      { upstream: 'payment-gateway', route: 'POST /charges', nth: 2, step: 1, link: 'payment' },
    ]);
    assert.equal(interactionId(interactions[2]!), 'payment-gateway POST /charges #2');
  });

  it('falls back to the time window of the request when the service does not forward X-Request-Id', () => {
    const [first, second] = learnInteractions({ steps, journals: [{ upstream: 'tips', requests: [entry(1, { arrivedAt: 10 }), entry(2, { arrivedAt: 2_010 })] }] });
    assert.equal(first?.step, 0);
    assert.equal(second?.step, 1);
    assert.equal(first?.link, undefined);
  });

  it('gives each arrival to the latest request started by then, however short the requests', () => {
    const back = [step(0, { startedAt: 100, durationMs: 3 }), step(1, { startedAt: 103, durationMs: 3 })];
    const [first, second] = learnInteractions({ steps: back, journals: [{ upstream: 'tips', requests: [entry(1, { arrivedAt: 100.6 }), entry(2, { arrivedAt: 103.4 })] }] });
    assert.equal(first?.step, 0);
    assert.equal(second?.step, 1);
  });

  it('says -1 for a request that no workload request explains', () => {
    const [stray] = learnInteractions({ steps, journals: [{ upstream: 'tips', requests: [entry(1, { arrivedAt: 99_999 })] }] });
    assert.equal(stray?.step, -1);
  });
});
