import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkEvents } from '../events/event-checker.js';
import { emptyEvidence } from './evidence.js';
import { eventsSection } from './html-events-section.js';
import { scenarioTimeline } from './scenario-timeline.js';

describe('order events in the HTML report', () => {
  it('shows the checker figures with the lost order marked, and one dot per journey step', () => {
    const evidence = emptyEvidence();
    const check = checkEvents({
      orders: [{ orderId: 'o-1', idempotencyKey: 'k-1', eventId: 'e-1' }, { orderId: 'o-2', idempotencyKey: 'k-2', eventId: 'e-2' }],
      missingOrders: [],
      calls: [{ orderId: 'o-1', eventId: 'e-1', status: 201, outcome: 'answered', arrivedAt: 1_000 }],
      deadLetters: [],
      existingOrderIds: new Set(['o-1', 'o-2']),
    });
    const journey = [
      { at: 1_000, service: 'order-service', event: 'published', eventId: 'e-1', orderId: 'o-1' },
      { at: 1_010, service: 'fulfilment-worker', event: 'received', eventId: 'e-1', orderId: 'o-1', delivery: 1 },
      { at: 1_030, service: 'fulfilment-worker', event: 'failed', eventId: 'e-1', orderId: 'o-1', delivery: 1, error: 'shipping answered 503' },
    ];
    evidence.notes.events = { check, stages: { published: 1, received: 1, failed: 1 }, journey };
    const html = eventsSection(evidence, scenarioTimeline(evidence, 2_000));
    assert.match(html, /<h3>Order events<\/h3>/);
    assert.match(html, /card bad"><div class="value">1<\/div><div class="label">lost/);
    assert.equal(html.match(/r="3.5"/g)?.length, 3);
    assert.match(html, /delivery 1, shipping answered 503/);
  });

  it('adds nothing to scenarios without events', () => {
    assert.equal(eventsSection(emptyEvidence(), undefined), '');
  });
});
