import type { Proxy, Toxic } from 'toxiproxy-node-client';
import { FaultlineError } from '../errors.js';
import type { Fault, FaultRecord } from './fault.js';
import type { ToxicStream, ToxicType } from './toxic-attributes.js';

let sequence = 0;

/** One Toxiproxy toxic on one link and one direction. */
export class ToxicFault implements Fault {
  readonly record: FaultRecord;
  private toxic: Toxic<unknown> | undefined;

  constructor(
    private readonly proxy: () => Promise<Proxy>,
    link: string,
    readonly type: ToxicType,
    readonly attributes: Readonly<Record<string, number>>,
    readonly stream: ToxicStream = 'downstream',
    readonly toxicity = 1,
  ) {
    const parameters = Object.entries(attributes).map(([key, value]) => `${key}=${value}`).join(', ');
    this.record = {
      kind: `toxic:${type}`,
      target: link,
      description: `${type} (${parameters}) on the ${link} link, ${stream}${toxicity < 1 ? `, toxicity ${toxicity}` : ''}`,
      parameters: { type, stream, toxicity, ...attributes },
    };
  }

  async inject(): Promise<void> {
    const proxy = await this.proxy();
    try {
      this.toxic = await proxy.addToxic({
        name: `faultline-${this.type}-${this.stream}-${++sequence}`,
        type: this.type,
        stream: this.stream,
        toxicity: this.toxicity,
        attributes: this.attributes,
      });
    } catch (error) {
      throw new FaultlineError('FL_CONTROL_API', `Toxiproxy refused ${this.record.description}: ${(error as Error).message}`, { cause: error });
    }
    this.record.injectedAt = Date.now();
  }

  async remove(): Promise<void> {
    const toxic = this.toxic;
    if (!toxic) return;
    this.toxic = undefined;
    try {
      await toxic.remove();
    } catch (error) {
      // A reset between inject and remove already took it away; anything else is real.
      if (!/404|not found/i.test((error as Error).message)) throw error;
    }
    this.record.removedAt = Date.now();
  }
}
