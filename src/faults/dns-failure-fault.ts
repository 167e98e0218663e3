import { FaultlineError } from '../errors.js';
import type { StartedService } from '../topology/started-service.js';
import type { Fault, FaultRecord } from './fault.js';
import { Sidecar } from './sidecar.js';

/** `refused`: each query is answered by an ICMP error at once; `timeout`: queries go unanswered. */
export type DnsFailureMode = 'refused' | 'timeout';

/**
 * The service can no longer resolve one host name: its DNS queries for that name (and only that
 * name) are rejected or dropped by an iptables string match in its network namespace, set from a
 * sidecar with NET_ADMIN. Connections it already holds are untouched, as in a real resolver outage.
 */
export class DnsFailureFault implements Fault {
  readonly record: FaultRecord;
  private sidecar: Sidecar | undefined;
  private readonly rule: string[];

  constructor(private readonly service: StartedService, readonly hostName: string, readonly mode: DnsFailureMode) {
    // Refused: the query is rejected on its way out, so the resolver gets an error at once. Timeout:
    // the answer (which repeats the question) is dropped on its way in; dropping the query on its
    // way out would fail the send with EPERM at once instead of leaving it unanswered.
    const match = ['-p', 'udp', '-m', 'string', '--algo', 'bm', '--icase', '--hex-string', `|${dnsQueryNameHex(hostName)}|`];
    this.rule = mode === 'refused' ? ['OUTPUT', ...match, '-j', 'REJECT'] : ['INPUT', ...match, '-j', 'DROP'];
    this.record = {
      kind: `dns:${mode}`,
      target: service.spec.name,
      description: `${service.spec.name} cannot resolve "${hostName}" (queries ${mode === 'refused' ? 'refused' : 'time out'})`,
      parameters: { hostName, mode, path: 'iptables string match on DNS queries' },
    };
  }

  async inject(): Promise<void> {
    const deleteRule = `iptables -D ${this.rule.map((part) => `'${part}'`).join(' ')} 2>/dev/null || true`;
    // Removed by the sidecar itself when it is stopped (the watchdog stops sidecars before it sweeps).
    this.sidecar = await Sidecar.start(this.service.container.getId(), `DNS failure of ${this.hostName} for ${this.service.spec.name}`, { network: true, capabilities: ['NET_ADMIN'] }, [
      'sh', '-c', `trap "${deleteRule}; exit 0" TERM INT; sleep infinity & wait`,
    ]);
    await this.sidecar.exec(['iptables', '-I', ...this.rule]);
    this.record.injectedAt = Date.now();
  }

  async remove(): Promise<void> {
    const sidecar = this.sidecar;
    if (!sidecar) return;
    this.sidecar = undefined;
    try {
      await sidecar.exec(['iptables', '-D', ...this.rule]);
    } finally {
      await sidecar.stop();
    }
    this.record.removedAt = Date.now();
  }
}

/** The name as it appears in a DNS question: each label preceded by its length, in hex. */
export function dnsQueryNameHex(hostName: string): string {
  const labels = hostName.replace(/\.$/, '').split('.');
  if (labels.some((label) => label.length === 0 || label.length > 63 || !/^[A-Za-z0-9_-]+$/.test(label))) {
    throw new FaultlineError('FL_BAD_FAULT', `"${hostName}" is not a host name: labels of 1-63 letters, digits, "-" or "_", separated by dots`);
  }
  return labels.map((label) => label.length.toString(16).padStart(2, '0') + Buffer.from(label.toLowerCase()).toString('hex')).join('');
}
