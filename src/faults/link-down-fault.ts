import type { Proxy } from 'toxiproxy-node-client';
import type { Fault, FaultRecord } from './fault.js';

/** The link is down in both directions: Toxiproxy closes its listener, new connections are refused. */
export class LinkDownFault implements Fault {
  readonly record: FaultRecord;
  private active = false;

  constructor(private readonly proxy: () => Promise<Proxy>, link: string) {
    this.record = { kind: 'link-down', target: link, description: `the ${link} link is down`, parameters: {} };
  }

  private async setEnabled(enabled: boolean): Promise<void> {
    const proxy = await this.proxy();
    await proxy.update({ enabled, listen: proxy.listen, upstream: proxy.upstream });
  }

  async inject(): Promise<void> {
    await this.setEnabled(false);
    this.active = true;
    this.record.injectedAt = Date.now();
  }

  async remove(): Promise<void> {
    if (!this.active) return;
    this.active = false;
    await this.setEnabled(true);
    this.record.removedAt = Date.now();
  }
}
