import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { linearScale, niceExtent, niceTicks } from './charts.js';

describe('chart scales', () => {
  it('puts ticks on 1-2-5 steps inside the domain', () => {
    assert.deepEqual(niceTicks(0, 6.4, 8), [0, 1, 2, 3, 4, 5, 6]);
    assert.deepEqual(niceTicks(0, 1480, 5), [0, 250, 500, 750, 1000, 1250]);
    assert.deepEqual(niceTicks(0, 0.9, 4), [0, 0.25, 0.5, 0.75]);
    assert.deepEqual(niceTicks(5, 5), [5]);
  });

  it('closes the axis on a labelled round value above the data', () => {
    assert.deepEqual(niceExtent(231), { max: 250, ticks: [0, 50, 100, 150, 200, 250] });
    assert.deepEqual(niceExtent(1554), { max: 1750, ticks: [0, 250, 500, 750, 1000, 1250, 1500, 1750] });
    assert.equal(niceExtent(0).max, 1);
  });

  it('maps the domain onto the range, inverted for y', () => {
    const y = linearScale([0, 300], [236, 12]);
    assert.equal(y(0), 236);
    assert.equal(y(300), 12);
    assert.equal(y(150), 124);
  });
});
