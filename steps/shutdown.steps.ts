// Graceful shutdown of any configured service: requests held in flight, a signal (the SIGTERM step
// of steps/health.steps.ts), every in-flight request answered, and the exit, timed.
import { Then, When } from '@cucumber/cucumber';
import { expectAllStatus } from '../src/probes/expectations.js';
import { putInFlight } from '../src/probes/in-flight.js';
import { exitVerdicts, measureExit } from '../src/probes/shutdown.js';
import type { FaultlineWorld } from './support/world.js';
import { FaultlineError } from '../src/errors.js';

const successes = [200, 201, 202, 204];

When('{int} requests are in flight', async function (this: FaultlineWorld, count: number) {
  await this.ready();
  const inFlight = await putInFlight(this.stack, count);
  this.inFlight = inFlight.results;
  this.evidence.notes.inFlightHeldAt = inFlight.heldAt.join('; ') || 'started, not held at an upstream';
});

Then('every in-flight request succeeded', async function (this: FaultlineWorld) {
  if (!this.inFlight) throw new FaultlineError('FL_MISSING_STEP', 'no requests were put in flight in this scenario; add "When 3 requests are in flight" before the signal');
  const results = await this.inFlight;
  this.setSample('in-flight', results);
  this.expect(expectAllStatus(results, successes, 'in-flight requests answered 2xx (no reset, no error)'));
});

Then('the {service} exits within {duration} with code {int}', async function (this: FaultlineWorld, service: string, ms: number, code: number) {
  const signalledAt = typeof this.evidence.notes.sigtermAt === 'number' ? this.evidence.notes.sigtermAt : Date.now();
  const measured = await measureExit(this.stack.topology.service(service), ms, signalledAt);
  for (const verdict of exitVerdicts(service, measured, ms, code, typeof this.evidence.notes.sigtermAt === 'number' ? 'SIGTERM' : 'this step')) this.expect(verdict);
});
