import { resolveImageCatalog } from '../images/image-catalog.js';
import { GatewayControl } from '../probes/gateway-control.js';
import { newReferenceSecrets, referenceNames, referenceTopology, type ReferenceOptions, type ReferenceSecrets } from './reference-topology.js';
import type { StartedTopology } from './started-topology.js';

/** The started reference stack with the handles scenarios use. */
export interface ReferenceStack {
  readonly topology: StartedTopology;
  readonly secrets: ReferenceSecrets;
  readonly gateway: GatewayControl;
}

export async function startReferenceStack(options: ReferenceOptions = {}): Promise<ReferenceStack> {
  const secrets = newReferenceSecrets();
  const topology = await referenceTopology(resolveImageCatalog(), secrets, {}, options).start();
  const gatewayService = topology.service(referenceNames.gateway);
  const gateway = new GatewayControl(gatewayService.hostUrl(referenceNames.gatewayControlPort), secrets.gatewayControlToken);
  return { topology, secrets, gateway };
}

/** Removes secret values (by key, and by value wherever they appear) before anything is reported. */
export function redact(environment: Readonly<Record<string, string>>, secretKeys: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [key, secretKeys.includes(key) ? '[redacted]' : value]),
  );
}
