// The smallest fault set that still breaks the same invariant: drop one fault at a time and keep
// the smaller set whenever it still fails (one-minimal, as delta debugging ends).
import type { FaultSpec } from './fault-spec.js';

export interface Minimised {
  readonly faults: readonly FaultSpec[];
  /** Successful shrinks, as fast-check counts them. */
  readonly shrinks: number;
  /** Fault sets tried. */
  readonly tried: number;
}

export async function minimiseFaultSet(faults: readonly FaultSpec[], stillBreaks: (subset: readonly FaultSpec[]) => Promise<boolean>): Promise<Minimised> {
  let current = [...faults];
  let shrinks = 0;
  let tried = 0;
  // From the last fault back: the first faults of a set are the ones found first, most often already run alone.
  for (let index = current.length - 1; index >= 0 && current.length > 1; ) {
    const subset = current.filter((_, at) => at !== index);
    tried += 1;
    if (await stillBreaks(subset)) {
      current = subset;
      shrinks += 1;
      index = current.length - 1;
    } else {
      index -= 1;
    }
  }
  return { faults: current, shrinks, tried };
}
