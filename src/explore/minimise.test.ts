import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { faultSpecId, type FaultSpec } from './fault-spec.js';
import { minimiseFaultSet } from './minimise.js';

const fault = (nth: number): FaultSpec => ({ layer: 'http', kind: 'http:500', upstream: 'gw', route: 'POST /charges', nth });

describe('minimisation', () => {
  it('drops every fault the failure does not need, counting shrinks and the sets tried', async () => {
    const tried: string[] = [];
    const result = await minimiseFaultSet([fault(1), fault(2), fault(3)], async (subset) => {
      tried.push(subset.map(faultSpecId).join(' + '));
      return subset.some((f) => f.layer === 'http' && f.nth === 2);
    });
    assert.deepEqual(result.faults, [fault(2)]);
    assert.equal(result.shrinks, 2);
    assert.equal(result.tried, tried.length);
  });

  it('keeps a pair whose faults are both needed, and never asks about the empty set', async () => {
    const result = await minimiseFaultSet([fault(1), fault(2)], async (subset) => {
      assert.ok(subset.length > 0);
      return subset.length === 2;
    });
    assert.deepEqual(result.faults, [fault(1), fault(2)]);
    assert.equal(result.shrinks, 0);
    assert.equal(result.tried, 2);
  });

  it('tries the first faults alone first: those are most often already run', async () => {
    const first: string[] = [];
    await minimiseFaultSet([fault(1), fault(2)], async (subset) => {
      first.push(subset.map(faultSpecId).join());
      return false;
    });
    assert.equal(first[0], faultSpecId(fault(1)));
  });
});
