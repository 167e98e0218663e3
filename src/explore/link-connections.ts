// Toxiproxy connections as interactions of their own. Toxiproxy cannot say which connections a
// proxy carries (GET /proxies lists none) and cannot aim a toxic at one of them (a toxic acts on
// every connection of its proxy, live or new; `toxicity` is a per-connection probability, not an
// index). The service's own socket table can say it: the connections from the service's container
// to a link's listen port, read from /proc/net/tcp before the workload and after each request of
// the fault-free run, numbered per link in the order they appear. A connection the service opened
// and closed within one request is seen only while it lingers in the table (TIME_WAIT).
import type { StartedService } from '../topology/started-service.js';

export interface Socket {
  readonly localPort: number;
  readonly remotePort: number;
  /** /proc/net/tcp's state: 01 ESTABLISHED, 06 TIME_WAIT, 08 CLOSE_WAIT, 0A LISTEN... */
  readonly state: string;
}

const established = '01';
const listening = '0A';

/** The sockets of a /proc/net/tcp (or tcp6) listing; the header line and anything unreadable are skipped. */
export function parseSocketTable(text: string): Socket[] {
  const sockets: Socket[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const [, local, remote, state] = fields;
    if (local === undefined || remote === undefined || state === undefined || !/^[0-9A-F]{2}$/i.test(state)) continue;
    const port = (address: string) => Number.parseInt(address.split(':').pop() ?? '', 16);
    const localPort = port(local);
    const remotePort = port(remote);
    if (Number.isNaN(localPort) || Number.isNaN(remotePort)) continue;
    sockets.push({ localPort, remotePort, state: state.toUpperCase() });
  }
  return sockets;
}

/** One read of the service's socket table (IPv4 and IPv6). */
export async function readSockets(service: Pick<StartedService, 'exec'>): Promise<Socket[]> {
  return parseSocketTable(await service.exec(['sh', '-c', 'cat /proc/net/tcp /proc/net/tcp6 2>/dev/null; true']));
}

/** The service's connections to one link: sockets whose peer is the link's listen port (open or lingering). */
export function linkSockets(sockets: readonly Socket[], listenPort: number): Socket[] {
  return sockets.filter((socket) => socket.remotePort === listenPort && socket.state !== listening);
}

export function establishedPorts(sockets: readonly Socket[], listenPort: number): Set<number> {
  return new Set(linkSockets(sockets, listenPort).filter((socket) => socket.state === established).map((socket) => socket.localPort));
}

/** One connection the service opened on a link during the fault-free run. */
export interface LinkConnection {
  readonly link: string;
  /** 1-based, per link, in the order the connections were first seen. */
  readonly nth: number;
  /** The workload request (0-based) during which it was opened; -1: open before the workload (a pooled connection). */
  readonly openedIn: number;
  /** Requests (0-based) at whose end it was still established: kept open (keep-alive) and idle until the next one. */
  readonly idleAfter: readonly number[];
}

/**
 * Connections per link from snapshots of the socket table: `snapshots[0]` before the workload,
 * `snapshots[k + 1]` after request k. A local port is one connection (the kernel does not reuse a
 * port towards the same peer while the old socket lingers).
 */
export function learnConnections(snapshots: readonly (readonly Socket[])[], links: ReadonlyArray<{ readonly name: string; readonly listenPort: number }>): LinkConnection[] {
  const connections: LinkConnection[] = [];
  for (const link of links) {
    const order: number[] = [];
    const openedIn = new Map<number, number>();
    const idleAfter = new Map<number, number[]>();
    snapshots.forEach((snapshot, index) => {
      const step = index - 1;
      for (const socket of linkSockets(snapshot, link.listenPort)) {
        if (!openedIn.has(socket.localPort)) {
          openedIn.set(socket.localPort, step);
          order.push(socket.localPort);
        }
        if (step >= 0 && socket.state === established) idleAfter.set(socket.localPort, [...(idleAfter.get(socket.localPort) ?? []), step]);
      }
    });
    order.forEach((port, index) => connections.push({ link: link.name, nth: index + 1, openedIn: openedIn.get(port)!, idleAfter: idleAfter.get(port) ?? [] }));
  }
  return connections;
}

/** "payment connection #1 (opened in request 1, idle after requests 1, 2)" for reports. */
export function connectionId(connection: LinkConnection): string {
  const opened = connection.openedIn < 0 ? 'open before the workload' : `opened in request ${connection.openedIn + 1}`;
  const idle = connection.idleAfter.length === 0 ? '' : `, idle after request${connection.idleAfter.length > 1 ? 's' : ''} ${connection.idleAfter.map((step) => step + 1).join(', ')}`;
  return `${connection.link} connection #${connection.nth} (${opened}${idle})`;
}
