// Faults placed in a scenario the explorer runs (the hooks in steps/explore.steps.ts call this):
// HTTP faults at the nth request of an upstream route, which need no timing, and container faults
// held while the scenario's When steps run (`container:pause@<upstream>:when-steps`), removed
// before its first Then step. The journals are handed back through the bridge afterwards.
import type { FaultLedger } from '../faults/fault-ledger.js';
import type { Fault } from '../faults/fault.js';
import type { Stack } from '../stack/stack.js';
import { exploreDefaults } from './explore-arguments.js';
import { faultOf } from './explore-faults.js';
import { faultSpecId, parseFaultSpecs, type FaultSpec } from './fault-spec.js';
import { scenarioBridge, scenarioFaultsVariable, scenarioSlowVariable } from './scenario-bridge.js';

/** The fault set of this scenario run, or undefined when the explorer is not running it. */
export function scenarioFaultsOfRun(env: NodeJS.ProcessEnv = process.env): FaultSpec[] | undefined {
  const text = env[scenarioFaultsVariable];
  return text === undefined || text === '' ? undefined : parseFaultSpecs(text);
}

export interface PlacedScenarioFaults {
  /** Removes the faults held during the When steps (at the first Then). */
  endWhenSteps(): Promise<void>;
}

export async function placeScenarioFaults(stack: Stack, ledger: FaultLedger, faults: readonly FaultSpec[], env: NodeJS.ProcessEnv = process.env): Promise<PlacedScenarioFaults> {
  const bridge = scenarioBridge();
  const timing = { slowMs: Number(env[scenarioSlowVariable] ?? exploreDefaults.slowMs) };
  let during: Fault[] = [];
  for (const spec of faults) {
    if (spec.layer !== 'http' && spec.step !== -1) {
      bridge.placementErrors.push(`${faultSpecId(spec)} is placed during a request of the explorer's own workload, which a scenario does not have`);
      continue;
    }
    try {
      const fault = faultOf(stack, spec, timing);
      await ledger.inject(fault);
      if (spec.layer !== 'http') during.push(fault);
    } catch (error) {
      bridge.placementErrors.push(`${faultSpecId(spec)}: ${(error as Error).message}`);
    }
  }
  return {
    async endWhenSteps() {
      for (const fault of during) await ledger.remove(fault);
      during = [];
    },
  };
}

/** Gives the explorer the stack and the upstreams' journals of the run (placed faults or not). */
export async function handBackRun(stack: Stack): Promise<void> {
  const bridge = scenarioBridge();
  bridge.stack = stack;
  bridge.journals = await Promise.all(stack.upstreamNames.map(async (upstream) => ({ upstream, requests: (await stack.upstream(upstream).journal()).requests })));
}
