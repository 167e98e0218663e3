import type { Proxy, Toxic } from 'toxiproxy-node-client';
import { FaultlineError } from '../errors.js';
import type { Fault, FaultRecord } from './fault.js';
import { addToxicWhenQuiet, noteToxicsRemoved } from './toxiproxy-reset.js';
import type { ToxicStream, ToxicType } from './toxic-attributes.js';

let sequence = 0;

/** One Toxiproxy toxic on one link and one direction. */
export class ToxicFault implements Fault {
  readonly record: FaultRecord;
  private toxic: Toxic<unknown> | undefined;
  private proxyName = '';

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
    this.proxyName = proxy.name;
    try {
      this.toxic = await addToxicWhenQuiet(proxy, {
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

  /** Turns the toxic off (0) or on (its toxicity) without removing it; links keep their chains. */
  async setToxicity(toxicity: number): Promise<void> {
    if (!this.toxic) throw new Error(`${this.record.description} is not injected`);
    try {
      await this.toxic.update({ toxicity } as Parameters<Toxic<unknown>['update']>[0]);
    } catch (error) {
      throw new FaultlineError('FL_CONTROL_API', `Toxiproxy refused to set the toxicity of ${this.record.description} to ${toxicity}: ${(error as Error).message}`, { cause: error });
    }
  }

  async remove(): Promise<void> {
    const toxic = this.toxic;
    if (!toxic) return;
    this.toxic = undefined;
    try {
      await toxic.remove();
      noteToxicsRemoved(this.proxyName, [{ type: this.type, attributes: this.attributes }]);
    } catch (error) {
      // A reset between inject and remove already took it away; anything else is real.
      if (!/404|not found/i.test((error as Error).message)) throw error;
    }
    this.record.removedAt = Date.now();
  }
}

/**
 * The fault as a switch for A/B measurements: added once and turned on and off by its toxicity, so
 * that alternating requests never add and remove toxics (each removal would make the proxy wait
 * for its drain time, see toxiproxy-reset.ts). Removed at the end, whatever happens.
 */
export async function withSwitchedFault<R>(
  fault: ToxicFault,
  use: (toggle: { inject(): Promise<void>; remove(): Promise<void> }) => Promise<R>,
): Promise<R> {
  await fault.inject();
  try {
    await fault.setToxicity(0);
    return await use({ inject: () => fault.setToxicity(fault.toxicity), remove: () => fault.setToxicity(0) });
  } finally {
    await fault.remove();
  }
}
