// HAProxy's runtime API (the stats socket, admin level, over TCP): one command per connection, as
// the non-interactive mode answers it. What the suite reads: `show stat` (each server's status,
// weight, sessions and error counters); what it changes: a server's administrative state and weight.
import { connect } from 'node:net';
import { FaultlineError } from '../errors.js';

/** One server's row of `show stat`, the fields the suite uses. */
export interface ServerStat {
  readonly backend: string;
  readonly server: string;
  /** UP, DOWN, MAINT, DRAIN, NOLB, "UP 1/2" (going down), "DOWN 1/2" (going up), "no check". */
  readonly status: string;
  readonly weight: number;
  /** Sessions (requests) the server has now. */
  readonly current: number;
  /** Sessions it has had in all. */
  readonly total: number;
  readonly retries: number;
  readonly redispatches: number;
  readonly connectionErrors: number;
  readonly responseErrors: number;
  /** The last health check's result: L7OK, L7STS (wrong status), L4TOUT, SOCKERR, INI (none yet)... */
  readonly checkStatus: string;
}

export type ServerState = 'ready' | 'drain' | 'maint';

/** Reads `show stat` CSV: the header line names the fields. */
export function parseShowStat(text: string): ServerStat[] {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const header = lines.shift();
  if (!header?.startsWith('# ')) throw new FaultlineError('FL_CONTROL_API', `HAProxy's show stat answered without its header: ${text.slice(0, 200)}`);
  const names = header.slice(2).split(',');
  const at = (row: string[], name: string) => row[names.indexOf(name)] ?? '';
  const number = (row: string[], name: string) => Number(at(row, name) || 0);
  return lines.map((line) => {
    const row = line.split(',');
    return {
      backend: at(row, 'pxname'),
      server: at(row, 'svname'),
      status: at(row, 'status'),
      weight: number(row, 'weight'),
      current: number(row, 'scur'),
      total: number(row, 'stot'),
      retries: number(row, 'wretr'),
      redispatches: number(row, 'wredis'),
      connectionErrors: number(row, 'econ'),
      responseErrors: number(row, 'eresp'),
      checkStatus: at(row, 'check_status').replace(/^\*/, ''),
    };
  });
}

/** True while the balancer sends new requests to a server with that `show stat` status. */
export function inRotation(status: string): boolean {
  return status === 'UP' || status.startsWith('UP ') || status === 'no check';
}

export class BalancerControl {
  /** `address` gives host and port each time: a restarted balancer gets another host port. */
  constructor(private readonly address: () => { host: string; port: number }) {}

  /** Sends one command and returns the whole answer. */
  command(line: string, timeoutMs = 2_000): Promise<string> {
    const { host, port } = this.address();
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      const chunks: Buffer[] = [];
      socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      socket.on('connect', () => socket.write(`${line}\n`));
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', (error) => reject(new FaultlineError('FL_CONTROL_API', `HAProxy's runtime API at ${host}:${port} failed on "${line}": ${error.message}`, { cause: error })));
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  }

  async stats(backend: string): Promise<ServerStat[]> {
    return parseShowStat(await this.command('show stat')).filter((row) => row.backend === backend);
  }

  /** The servers of a backend (without its FRONTEND/BACKEND rows). */
  async servers(backend: string): Promise<ServerStat[]> {
    return (await this.stats(backend)).filter((row) => row.server !== 'BACKEND' && row.server !== 'FRONTEND');
  }

  async server(backend: string, server: string): Promise<ServerStat> {
    const row = (await this.servers(backend)).find((candidate) => candidate.server === server);
    if (!row) throw new FaultlineError('FL_CONTROL_API', `HAProxy has no server ${backend}/${server}`);
    return row;
  }

  /** The backend's own row: retries, redispatches and errors summed over its servers. */
  async backend(backend: string): Promise<ServerStat> {
    const row = (await this.stats(backend)).find((candidate) => candidate.server === 'BACKEND');
    if (!row) throw new FaultlineError('FL_CONTROL_API', `HAProxy has no backend ${backend}`);
    return row;
  }

  /** `show servers state`: the raw table (operational and administrative states, weights, check results). */
  serversState(backend: string): Promise<string> {
    return this.command(`show servers state ${backend}`);
  }

  async setState(backend: string, server: string, state: ServerState): Promise<void> {
    await this.expectEmpty(`set server ${backend}/${server} state ${state}`);
  }

  /**
   * Takes a server out of maintenance as DOWN, so that it goes UP only after `rise` passed health
   * checks (leaving maintenance alone would put it UP at once, unchecked).
   */
  async admitAfterChecks(backend: string, server: string): Promise<void> {
    await this.expectEmpty(`set server ${backend}/${server} health down`);
    await this.expectEmpty(`set server ${backend}/${server} state ready`);
  }

  async setWeight(backend: string, server: string, weight: number): Promise<void> {
    if (!Number.isInteger(weight) || weight < 0 || weight > 256) throw new FaultlineError('FL_BAD_INPUT', `a server weight is a whole number from 0 to 256, got ${weight}`);
    await this.expectEmpty(`set server ${backend}/${server} weight ${weight}`);
  }

  /** Commands that change something answer nothing (an empty line) when they succeed. */
  private async expectEmpty(line: string): Promise<void> {
    const answer = (await this.command(line)).trim();
    if (answer !== '') throw new FaultlineError('FL_CONTROL_API', `HAProxy refused "${line}": ${answer}`);
  }
}
