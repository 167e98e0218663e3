// What Docker's build stream said, made readable: the output lines, the error, and the Dockerfile
// line of the instruction that failed (Docker numbers steps; a person needs file:line).

/** One JSON event of the Engine API's build stream (legacy builder). */
export interface BuildEvent {
  readonly stream?: string;
  readonly status?: string;
  readonly error?: string;
  readonly errorDetail?: { readonly message?: string; readonly code?: number };
}

export interface BuildOutput {
  /** Every output line, in order, without blank ones. */
  readonly lines: readonly string[];
  /** The build's error, if it failed. */
  readonly error?: string;
  /** The last "Step N/M : INSTRUCTION" seen: the one that was running when the build stopped. */
  readonly lastStep?: { readonly index: number; readonly instruction: string };
}

export function readBuildEvents(events: readonly BuildEvent[]): BuildOutput {
  const lines: string[] = [];
  let error: string | undefined;
  let lastStep: BuildOutput['lastStep'];
  for (const event of events) {
    const text = event.stream ?? event.status;
    if (text !== undefined) {
      for (const line of text.split('\n')) {
        const trimmed = line.trimEnd();
        if (trimmed === '') continue;
        lines.push(trimmed);
        const step = /^Step (\d+)\/\d+ : (.*)$/.exec(trimmed);
        if (step) lastStep = { index: Number(step[1]), instruction: step[2]! };
      }
    }
    const failure = event.errorDetail?.message ?? event.error;
    if (failure !== undefined) error = failure.trim();
  }
  return { lines, ...(error === undefined ? {} : { error }), ...(lastStep === undefined ? {} : { lastStep }) };
}

/** The 1-based line where each instruction of a Dockerfile starts (comments, blank lines and continuations skipped). */
export function dockerfileInstructionLines(text: string): number[] {
  const starts: number[] = [];
  let continued = false;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!continued) {
      if (line === '' || line.startsWith('#')) return;
      starts.push(index + 1);
    } else if (line.startsWith('#')) {
      return;
    }
    continued = line.endsWith('\\');
  });
  return starts;
}

/** Where the failed step is: "Dockerfile:4", or undefined when the build failed before any step. */
export function failedDockerfileLine(output: BuildOutput, dockerfileText: string): number | undefined {
  if (output.lastStep === undefined) return undefined;
  return dockerfileInstructionLines(dockerfileText)[output.lastStep.index - 1];
}

/** A hint for the usual failures, naming what to change. */
export function buildFailureHint(output: BuildOutput, context: string): string {
  const error = output.error ?? '';
  const instruction = output.lastStep?.instruction ?? '';
  if (/^(COPY|ADD)\b/i.test(instruction) && /not found|no such file|does not exist|excluded by \.dockerignore/i.test(error)) {
    return `a file that ${instruction.split(/\s+/)[0]} copies is not in the build context ${context} (or its .dockerignore excludes it): create it, or fix the path on that line`;
  }
  if (/^FROM\b/i.test(instruction) || /pull access denied|manifest unknown|repository does not exist|no such host|failed to resolve reference/i.test(error)) {
    return 'its base image is neither present nor pullable: pull or build it, or pass another one (a BASE_IMAGE build argument, or FAULTLINE_NODE_IMAGE for Faultline\'s own images)';
  }
  if (/^RUN\b/i.test(instruction)) return 'the command on that line failed; its output is above';
  return 'read Docker\'s output above';
}
