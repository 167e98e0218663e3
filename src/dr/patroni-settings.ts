// The Patroni settings a scenario runs with: fast, safe failover by default, the replication mode
// and failsafe mode per scenario, and what a mutant of the HA manager changes. Applied through
// PATCH /config and read back, so that the report states the settings the figures were measured with.
import { FaultlineError } from '../errors.js';
import { eventually } from '../units/eventually.js';
import type { StartedService } from '../topology/started-service.js';
import { clusterConfig, clusterMembers, patchClusterConfig } from './patroni-api.js';

export interface PatroniSettings {
  /** Seconds the leader lock lives without being renewed: the bound on detecting a dead primary. */
  readonly ttl: number;
  /** Seconds between two runs of each member's HA loop. */
  readonly loop_wait: number;
  /** Seconds a member retries the DCS (and PostgreSQL) before it gives up: a leader that cannot renew its lock within it demotes itself. */
  readonly retry_timeout: number;
  /** Bytes of WAL a replica may lag behind the last known primary position and still be promoted. */
  readonly maximum_lag_on_failover: number;
  readonly synchronous_mode: boolean;
  /** Never acknowledge a commit without a synchronous replica, even when none is left (otherwise Patroni turns synchronous replication off). */
  readonly synchronous_mode_strict: boolean;
  /** Keep the primary while the DCS is down, as long as every member answers it (Patroni >= 3.0). */
  readonly failsafe_mode: boolean;
}

/**
 * Fast and safe: a dead primary is detected within ttl (10 s), and a leader that cannot reach etcd
 * gives up after loop_wait + retry_timeout (6 s), before its lock can expire and another member can
 * take it: Patroni's rule loop_wait + 2 × retry_timeout ≤ ttl (2 + 8 ≤ 10).
 */
export const defaultPatroniSettings: PatroniSettings = { ttl: 10, loop_wait: 2, retry_timeout: 4, maximum_lag_on_failover: 1_048_576, synchronous_mode: true, synchronous_mode_strict: true, failsafe_mode: false };

/** Patroni's rule for its timeouts; a violation is a finding, not an input error: a mutant breaks it on purpose. */
export function timingRuleHolds(settings: Pick<PatroniSettings, 'ttl' | 'loop_wait' | 'retry_timeout'>): boolean {
  return settings.loop_wait + 2 * settings.retry_timeout <= settings.ttl;
}

const numericKeys = ['ttl', 'loop_wait', 'retry_timeout', 'maximum_lag_on_failover'] as const;
const booleanKeys = ['synchronous_mode', 'synchronous_mode_strict', 'failsafe_mode'] as const;

/** The settings with a mutant's overrides (strings from its environment) laid over them. */
export function withOverrides(settings: PatroniSettings, overrides: Readonly<Record<string, string>>): PatroniSettings {
  const result: Record<string, number | boolean> = { ...settings };
  for (const [key, value] of Object.entries(overrides)) {
    if ((numericKeys as readonly string[]).includes(key) && /^\d+$/.test(value)) result[key] = Number(value);
    else if ((booleanKeys as readonly string[]).includes(key) && /^(true|false)$/.test(value)) result[key] = value === 'true';
    else throw new FaultlineError('FL_BAD_INPUT', `Patroni setting override ${key}=${value}: expected one of ${[...numericKeys, ...booleanKeys].join(', ')}, numbers as whole numbers and modes as true or false`);
  }
  return result as unknown as PatroniSettings;
}

/**
 * Applies the settings through the leader and waits until the cluster runs with them: the
 * configuration reads back equal and, in synchronous mode, a member is the synchronous standby
 * (in asynchronous mode, none is).
 */
export async function applyPatroniSettings(leader: StartedService, settings: PatroniSettings): Promise<void> {
  await patchClusterConfig(leader, { ...settings });
  await eventually(
    async () => {
      const config = await clusterConfig(leader);
      const members = await clusterMembers(leader);
      return { applied: Object.entries(settings).every(([key, value]) => config[key] === value), syncStandbys: members.filter((member) => member.role === 'sync_standby').length };
    },
    ({ applied, syncStandbys }) => applied && (settings.synchronous_mode ? syncStandbys === 1 : syncStandbys === 0),
    { expected: `the cluster to run with ${JSON.stringify(settings)}`, withinMs: 20_000, intervalMs: 200 },
  );
}
