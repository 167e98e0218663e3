import { Then, When } from '@cucumber/cucumber';
import { expectChunksAtLeast, expectCloseDelayAtLeast, expectCutShort, expectThroughputAtMost } from '../src/probes/expectations.js';
import { probeConnectionClose } from '../src/probes/connection-close-probe.js';
import { probe } from '../src/probes/http-probe.js';
import type { FaultlineWorld } from './support/world.js';

When('GET {word} is requested on a new connection', async function (this: FaultlineWorld, path: string) {
  await this.ready();
  this.setSample('current', [await probe(this.serviceUrl, { path, freshConnection: true, timeoutMs: 20_000 })]);
});

Then('the response arrives no faster than {int} KB\\/s', function (this: FaultlineWorld, rate: number) {
  this.expect(expectThroughputAtMost(this.sample('current')[0]!, rate));
});

Then('the response arrives in at least {int} chunks', function (this: FaultlineWorld, chunks: number) {
  this.expect(expectChunksAtLeast(this.sample('current')[0]!, chunks));
});

Then('the response is cut short', function (this: FaultlineWorld) {
  this.expect(expectCutShort(this.sample('current')[0]!));
});

When('GET {word} is requested with Connection: close', async function (this: FaultlineWorld, path: string) {
  await this.ready();
  this.connectionClose = await probeConnectionClose(this.serviceUrl, path);
});

Then('the server closes the connection at least {duration} after the response', function (this: FaultlineWorld, ms: number) {
  this.expect(expectCloseDelayAtLeast(this.connectionClose, ms));
});
