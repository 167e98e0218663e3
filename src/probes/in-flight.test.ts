import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Journal, JournalEntry } from '../faults/gateway-control.js';
import { openSince } from './in-flight.js';

const entry = (seq: number, route: string, outcome: string | null): JournalEntry => ({
  seq, arrivedAt: seq, completedAt: null, method: route.split(' ')[0]!, path: route.split(' ')[1]!, route, bodyHash: null, headers: {}, idempotencyKey: null, requestId: null, status: null, outcome: outcome as string,
});
const journal = (...requests: JournalEntry[]): Journal => ({ requests, inFlight: 0, maxInFlight: 0 });

test('counts the requests opened since the mark and not answered yet, by upstream and route', () => {
  const journals = new Map([
    ['payments', journal(entry(1, 'POST /charges', null), entry(2, 'POST /charges', null), entry(3, 'POST /charges', 'answered'), entry(4, 'POST /charges', 'hung'))],
    ['inventory', journal(entry(1, 'POST /reservations', null))],
  ]);
  const open = openSince(journals, new Map([['payments', 1], ['inventory', 0]]));
  assert.deepEqual([...open], [['payments POST /charges', 2], ['inventory POST /reservations', 1]]);
});
