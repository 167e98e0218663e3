import assert from 'node:assert/strict';
import { test } from 'node:test';
import { counterDeltas, parseQdiscStats, parseQueueCounters, parseSnmp, ruleCounters } from './packet-observation.js';

test('TCP counters from /proc/net/snmp and /proc/net/netstat', () => {
  const text = 'Ip: Forwarding DefaultTTL\nIp: 1 64\nTcp: RtoAlgorithm RetransSegs InCsumErrors\nTcp: 1 12 3\nTcpExt: TCPOFOQueue\nTcpExt: 5\n';
  const before = parseSnmp(text);
  assert.equal(before['Tcp.RetransSegs'], 12);
  assert.equal(before['TcpExt.TCPOFOQueue'], 5);
  const after = { ...before, 'Tcp.RetransSegs': 20 };
  assert.equal(counterDeltas(before, after)['Tcp.RetransSegs'], 8);
  assert.equal(counterDeltas(before, after)['Tcp.InCsumErrors'], 0);
});

test('the counting rule and the drop rule are read by their comment', () => {
  const listing = [
    'Chain INPUT (policy ACCEPT 0 packets, 0 bytes)',
    '    pkts      bytes target     prot opt in     out     source               destination',
    '     355    30000            all  --  !lo    *       0.0.0.0/0            0.0.0.0/0            /* faultline-packet-a */',
    '      19     1600 DROP       all  --  !lo    *       0.0.0.0/0            0.0.0.0/0            /* faultline-packet-a */ statistic mode random probability 0.05',
    '       7      700 DROP       all  --  !lo    *       0.0.0.0/0            0.0.0.0/0            /* faultline-packet-b */',
  ].join('\n');
  assert.deepEqual(ruleCounters(listing, 'faultline-packet-a'), [355, 19]);
});

test("fl-nfqueue's last JSON line and a qdisc's statistics", () => {
  assert.equal(parseQueueCounters('{"event":"ready","reports":1,"seen":0}\n{"event":"signal","reports":2,"seen":9}\n')?.seen, 9);
  assert.equal(parseQueueCounters('garbage'), undefined);
  assert.deepEqual(parseQdiscStats('qdisc tbf 8001: root refcnt 2 rate 800Kbit burst 3200b lat 400ms\n Sent 524016 bytes 351 pkt (dropped 119, overlimits 775 requeues 0)'), { bytes: 524016, packets: 351, dropped: 119, overlimits: 775 });
});
