import assert from 'node:assert/strict';
import { test } from 'node:test';
import { officialImages, resolveImageCatalog } from './image-catalog.js';

test('official images by default', () => {
  assert.deepEqual(resolveImageCatalog({}, {}), officialImages);
});

test('set-up stand-ins replace the defaults, and the environment wins over both', () => {
  const file = { FAULTLINE_POSTGRES_IMAGE: 'faultline.local/postgres:15-bookworm' };
  assert.equal(resolveImageCatalog({}, file).postgres, 'faultline.local/postgres:15-bookworm');
  assert.equal(resolveImageCatalog({ FAULTLINE_POSTGRES_IMAGE: 'mine/pg:15' }, file).postgres, 'mine/pg:15');
  assert.equal(resolveImageCatalog({}, file).toxiproxy, officialImages.toxiproxy);
});

test('the chaos helper is set-up\'s image unless FAULTLINE_CHAOS_IMAGE names another', () => {
  assert.equal(resolveImageCatalog({}, {}).chaos, 'faultline.local/chaos-helper:bookworm-r2');
  assert.equal(resolveImageCatalog({ FAULTLINE_CHAOS_IMAGE: 'mine/chaos:1' }, {}).chaos, 'mine/chaos:1');
});
