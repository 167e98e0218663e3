import type { KernelSupport } from './packet-plan.js';
import { Sidecar } from './sidecar.js';

/**
 * Set FAULTLINE_PACKET_PATH=fallback to take the iptables/fl-nfqueue/TBF paths even where the
 * kernel has netem (to check them on such a machine).
 */
const packetPathVariable = 'FAULTLINE_PACKET_PATH';

let probed: Promise<KernelSupport> | undefined;

/**
 * What the Docker engine's kernel offers packet faults, probed once per process in a throwaway
 * helper with a network namespace of its own (the targets' namespaces are never touched by it):
 * whether a netem qdisc can be created, and which iptables backend works.
 */
export function kernelSupport(env: NodeJS.ProcessEnv = process.env): Promise<KernelSupport> {
  probed ??= probeKernel(env).catch((error: unknown) => {
    probed = undefined;
    throw error;
  });
  return probed;
}

async function probeKernel(env: NodeJS.ProcessEnv): Promise<KernelSupport> {
  const helper = await Sidecar.start('', 'probing the kernel for packet faults', { capabilities: ['NET_ADMIN'] });
  try {
    const netem = await helper
      .exec(['sh', '-c', '(ip link add flprobe0 type ifb || ip link add flprobe0 type dummy) && tc qdisc add dev flprobe0 root netem delay 1ms'])
      .then(() => true, () => false);
    const nft = await helper.exec(['iptables-nft', '-w', '-L', 'INPUT', '-n']).then(() => true, () => false);
    return { netem: netem && env[packetPathVariable] !== 'fallback', iptables: nft ? 'iptables-nft' : 'iptables-legacy' };
  } finally {
    await helper.stop();
  }
}
