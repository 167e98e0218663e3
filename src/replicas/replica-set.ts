// The replicas of the replicas stack as the suite handles them: each replica's container and its
// balancer server, the balancer's runtime API, and the faults a scenario injects into a replica
// (through the fault ledger, so that the report counts them).
import { FaultlineError } from '../errors.js';
import type { FaultLedger } from '../faults/fault-ledger.js';
import { ProcessPauseFault } from '../faults/process-pause-fault.js';
import { ProcessSignalFault, type ProcessSignal } from '../faults/process-signal-fault.js';
import type { Stack } from '../stack/stack.js';
import type { StartedService } from '../topology/started-service.js';
import { eventually } from '../units/eventually.js';
import { withinMs } from '../units/tolerance.js';
import { BalancerControl, inRotation, type ServerStat } from './balancer-control.js';
import { backendName, balancerPorts, containerOfServer, healthChecksVariable } from './haproxy-config.js';
import { replicaContainer, replicaServers, replicasNames } from './replicas-config.js';

export interface Replica {
  /** Its server name in the balancer: replica-1, replica-2, ... */
  readonly server: string;
  readonly service: StartedService;
}

export class ReplicaSet {
  readonly balancer: BalancerControl;
  /** Containers a deployment started (green set, canary): stopped when the next scenario begins. */
  readonly extras = new Map<string, StartedService>();

  constructor(readonly stack: Stack) {
    this.balancer = new BalancerControl(() => ({ host: '127.0.0.1', port: this.balancerService.mappedPort(balancerPorts.runtimeApi) }));
  }

  get balancerService(): StartedService {
    return this.stack.topology.service(replicasNames.balancer);
  }

  get replicas(): Replica[] {
    return replicaServers(this.stack.config).map((server, index) => ({ server, service: this.stack.topology.service(replicaContainer(this.stack.config, index + 1)) }));
  }

  replica(server: string): Replica {
    const replica = this.replicas.find((candidate) => candidate.server === server);
    if (!replica) throw new FaultlineError('FL_UNKNOWN_SERVICE', `"${server}" is not a replica; replicas: ${this.replicas.map((r) => r.server).join(', ')}`);
    return replica;
  }

  servers(): Promise<ServerStat[]> {
    return this.balancer.servers(backendName);
  }

  /**
   * Brings the set back to its resting state before a scenario: every replica running with
   * `environment` over its defaults (the service under test is handled by the World), the balancer
   * with `balancerEnvironment`, deployments' extra containers gone, every replica's server ready at
   * weight 100 and UP, the others in maintenance.
   */
  async reset(environment: Readonly<Record<string, string>>, balancerEnvironment: Readonly<Record<string, string>>): Promise<void> {
    await Promise.all([...this.extras.values()].map((service) => service.stop().catch(() => undefined)));
    this.extras.clear();
    await this.balancerService.reconfigure(balancerEnvironment);
    for (const replica of this.replicas.slice(1)) await replica.service.reconfigure(environment);
    for (const server of (await this.servers()).map((row) => row.server)) {
      const isReplica = this.replicas.some((replica) => replica.server === server);
      await this.balancer.setWeight(backendName, server, isReplica ? 100 : 0);
      await this.balancer.setState(backendName, server, isReplica ? 'ready' : 'maint');
    }
    await this.waitInRotation(this.replicas.map((replica) => replica.server), 10_000);
  }

  /** Waits until every named server takes traffic. */
  async waitInRotation(servers: readonly string[], boundMs: number): Promise<ServerStat[]> {
    const { value } = await eventually(
      () => this.servers(),
      (rows) => servers.every((server) => { const row = rows.find((r) => r.server === server); return row !== undefined && inRotation(row.status); }),
      { expected: `${servers.join(', ')} UP in the balancer`, withinMs: withinMs(boundMs), intervalMs: 50 },
    );
    return value;
  }

  /** Whether the balancer checks its servers' health (off in the mutation check that removes the checks). */
  get healthChecked(): boolean {
    return this.balancerService.env[healthChecksVariable] !== 'off';
  }

  /**
   * Starts a container of a new version for a balancer server declared in maintenance (a green
   * server, the canary): replica 2's settings with `environment` over them, reached by its name.
   */
  async startVersion(server: string, environment: Readonly<Record<string, string>>): Promise<StartedService> {
    const base = this.replicas[1]!.service;
    const name = containerOfServer(server);
    const service = await this.stack.topology.startExtra({ ...base.spec, name, environment: { ...base.env, ...environment } }, `faultline.local/${this.stack.config.service.name}:dev`);
    this.extras.set(server, service);
    return service;
  }

  async signal(faults: FaultLedger, server: string, signal: ProcessSignal): Promise<void> {
    await faults.inject(new ProcessSignalFault(this.replica(server).service, signal, undefined));
  }

  async pause(faults: FaultLedger, server: string): Promise<ProcessPauseFault> {
    const fault = new ProcessPauseFault(this.replica(server).service);
    await faults.inject(fault);
    return fault;
  }
}

const sets = new WeakMap<Stack, ReplicaSet>();

/** The replica set of a replicas stack (one per stack). */
export function replicaSetOf(stack: Stack): ReplicaSet {
  let set = sets.get(stack);
  if (!set) {
    if (!stack.config.dependencies?.some((dependency) => dependency.name === replicasNames.balancer)) {
      throw new FaultlineError('FL_MISSING_CAPABILITY', `this step needs the replicas stack (tag the scenario @replicas or @deployments); ${stack.loaded.path} has no "${replicasNames.balancer}"`);
    }
    set = new ReplicaSet(stack);
    sets.set(stack, set);
  }
  return set;
}

/**
 * The environments a mutation check lays over the replicas and the balancer: a mutant of the order
 * service changes every replica; a mutant of the balancer ("haproxy") changes its configuration.
 */
export function replicaEnvironments(
  mutant: { readonly service?: string; readonly environment: Readonly<Record<string, string>> } | undefined,
  serviceName: string,
): { replicas: Record<string, string>; balancer: Record<string, string>; deployment: Record<string, string> } {
  const none = { replicas: {}, balancer: {}, deployment: {} };
  if (!mutant) return none;
  if (mutant.service === replicasNames.balancer) return { ...none, balancer: { ...mutant.environment } };
  if (mutant.service === replicasNames.deployment) return { ...none, deployment: { ...mutant.environment } };
  if (mutant.service === undefined || mutant.service === serviceName) return { ...none, replicas: { ...mutant.environment } };
  return none;
}

/** What the last load of a scenario did, for the Then steps that judge it (keyed by the scenario's World). */
export const scenarioLoads = new WeakMap<object, import('./replica-load.js').ReplicaLoad & { readonly outcome?: unknown }>();
