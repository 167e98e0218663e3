import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkFaults } from './link-faults.js';

test('clean links have no faults', () => {
  assert.deepEqual(linkFaults({ payment: { enabled: true, toxics: [] }, ingress: { enabled: true } }, ['payment', 'ingress']), []);
});

test('a disabled proxy, every toxic and a missing proxy are each named with their link', () => {
  const proxies = {
    payment: { enabled: true, toxics: [{ type: 'latency', name: 'latency_downstream', stream: 'downstream', attributes: { latency: 1000 } }] },
    'db-primary': { enabled: false, toxics: [{ type: 'timeout', stream: 'upstream' }] },
  };
  assert.deepEqual(linkFaults(proxies, ['payment', 'db-primary', 'ingress']), [
    'payment: latency toxic "latency_downstream" (downstream)',
    'db-primary: down (proxy disabled)',
    'db-primary: timeout toxic (upstream)',
    'ingress: no Toxiproxy proxy of that name',
  ]);
});

test('proxies outside the links asked about are not judged', () => {
  assert.deepEqual(linkFaults({ replication: { enabled: false } }, []), []);
});
