import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectionId, establishedPorts, learnConnections, parseSocketTable, type Socket } from './link-connections.js';

// /proc/net/tcp as Linux writes it: local and remote address as hex ip:port, then the state.
const table = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1 1 0000000000000000 100 0 0 10 0
   1: 0B00120A:A41C 0300120A:21DA 01 00000000:00000000 02:000A7D3A 00000000  1000        0 2 1 0000000000000000 20 4 30 10 -1
   2: 0B00120A:A41E 0300120A:21DA 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000
   3: 0B00120A:0BB8 0100120A:C350 01 00000000:00000000 00:00000000 00000000  1000        0 4 1 0000000000000000 20 4 30 10 -1`;
const open = (localPort: number, state = '01'): Socket => ({ localPort, remotePort: 8666, state });

describe('link connections', () => {
  it('reads ports and states from /proc/net/tcp, skipping the header', () => {
    assert.deepEqual(parseSocketTable(table), [
      { localPort: 3000, remotePort: 0, state: '0A' },
      { localPort: 42012, remotePort: 8666, state: '01' },
      { localPort: 42014, remotePort: 8666, state: '06' },
      { localPort: 3000, remotePort: 50000, state: '01' },
    ]);
    assert.deepEqual([...establishedPorts(parseSocketTable(table), 8666)], [42012]);
  });

  it('numbers connections per link in the order they appear, with the request that opened each and the requests after which it idled', () => {
    // A pooled connection from before the workload, reset in request 2, whose retry opened another kept alive.
    const snapshots = [[open(40001)], [open(40001)], [open(40001, '06'), open(40002)], [open(40002)]];
    const connections = learnConnections(snapshots, [{ name: 'payment', listenPort: 8666 }, { name: 'db', listenPort: 5432 }]);
    assert.deepEqual(connections, [
      { link: 'payment', nth: 1, openedIn: -1, idleAfter: [0] },
      { link: 'payment', nth: 2, openedIn: 1, idleAfter: [1, 2] },
    ]);
    assert.equal(connectionId(connections[0]!), 'payment connection #1 (open before the workload, idle after request 1)');
    assert.equal(connectionId(connections[1]!), 'payment connection #2 (opened in request 2, idle after requests 2, 3)');
  });

  it('learns nothing for a link without connections (a service that closes each one is seen only while it lingers)', () => {
    assert.deepEqual(learnConnections([[], [open(40003, '06')], []], [{ name: 'payment', listenPort: 8666 }]), [{ link: 'payment', nth: 1, openedIn: 0, idleAfter: [] }]);
  });
});
