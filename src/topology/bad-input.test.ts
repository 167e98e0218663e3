// Bad input to the suite gets an error code, names the input and says the fix. The image case
// talks to the Docker engine (the suite's prerequisite); the others fail before any container.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveImageCatalog } from '../images/image-catalog.js';
import { Topology } from './topology.js';

const images = { ...resolveImageCatalog(), toxiproxy: 'faultline.local/does-not-exist:0' };

test('an unknown link names itself and the known links', () => {
  const topology = new Topology(images).withService({ name: 'a', image: { kind: 'image', name: 'x' }, environment: {}, hostPorts: [], readiness: { kind: 'log', pattern: /x/ } }).withLink('payment', 'a', 80);
  assert.throws(() => topology.link('paymnet'), /FL_UNKNOWN_LINK: link "paymnet" is not defined; defined: payment[\s\S]*fix: /);
});

test('a link to a service that does not exist is refused before anything starts', async () => {
  await assert.rejects(new Topology(images).withLink('payment', 'nowhere', 80).start(), /FL_BAD_CONFIG: link "payment" points at service "nowhere", which is not defined/);
});

test('an image that does not exist names the image, its variable and the fix', async () => {
  await assert.rejects(
    new Topology(images).withService({ name: 'a', image: { kind: 'image', name: images.postgres }, environment: {}, hostPorts: [], readiness: { kind: 'log', pattern: /x/ } }).start(),
    (error: Error) =>
      /FL_IMAGE_MISSING: image faultline.local\/does-not-exist:0 of Toxiproxy is not present and could not be pulled \(set by FAULTLINE_TOXIPROXY_IMAGE\)/.test(error.message) &&
      /fix: Run `npm run setup`/.test(error.message),
  );
});
