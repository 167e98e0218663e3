import { Then } from '@cucumber/cucumber';
import { checkMutantResults } from '../src/report/mutant-run.js';
import type { FaultlineWorld } from './support/world.js';

Then('every mutant of the order service was killed by the scenarios of its pattern', function (this: FaultlineWorld) {
  const { evidence, problems } = checkMutantResults();
  this.evidence.mutants = evidence;
  if (problems.length > 0) throw new Error(problems.join('\n'));
});
