// One registry of every error the suite raises on bad input or a broken environment. Each entry
// says what went wrong in general and how to fix it; each raised error adds the offending input.
// docs/errors.md is generated from this registry (npm run docs) and a test keeps it in step.

export interface ErrorDefinition {
  readonly summary: string;
  readonly fix: string;
}

export const errorRegistry = {
  FL_DOCKER_UNREACHABLE: {
    summary: 'No Docker engine answers.',
    fix: 'Start one (`npm run setup` installs and starts Debian\'s docker.io), or point DOCKER_HOST at a running engine.',
  },
  FL_IMAGE_MISSING: {
    summary: 'A container image is neither present locally nor pullable.',
    fix: 'Run `npm run setup` to build the offline stand-ins, or set the FAULTLINE_*_IMAGE variable named in the message to an image you have.',
  },
  FL_CONTAINER_FAILED: {
    summary: 'A container of the stack did not become ready.',
    fix: 'Read the container log lines in the message; check the image and its environment.',
  },
  FL_UNKNOWN_LINK: {
    summary: 'A step names a link the topology does not have.',
    fix: 'Use one of the links listed in the message (they are defined in the topology configuration).',
  },
  FL_UNKNOWN_SERVICE: {
    summary: 'A step names a service the topology does not have.',
    fix: 'Use one of the services listed in the message.',
  },
  FL_UNKNOWN_TOXIC: {
    summary: 'A step names a Toxiproxy toxic that does not exist.',
    fix: 'Use one of: latency, bandwidth, slow_close, timeout, reset_peer, slicer, limit_data (or "down" for a link going down).',
  },
  FL_BAD_TOXIC_ATTRIBUTES: {
    summary: 'Toxic attributes are missing, unknown or out of range.',
    fix: 'Write them as name=value pairs separated by commas, with the names and ranges given in the message.',
  },
  FL_BAD_DURATION: {
    summary: 'A duration could not be read.',
    fix: 'Write a number followed by ms or s, for example 200ms or 2s.',
  },
  FL_BAD_PERCENT: {
    summary: 'A percentage could not be read.',
    fix: 'Write a number between 0 and 100 followed by %, for example 1% or 0.5%.',
  },
  FL_BAD_THRESHOLD: {
    summary: 'A threshold expression could not be read.',
    fix: 'Write it in k6\'s syntax: p(95)<200, p(99) < 300ms, avg<=150, rate<0.01 or rate<1%.',
  },
  FL_BAD_CONFIG: {
    summary: 'A configuration value is invalid.',
    fix: 'Correct the field named in the message to one of the allowed values it lists.',
  },
  FL_MISSING_CAPABILITY: {
    summary: 'A step needs something the configuration does not declare (metrics, a control API, a secret, a PostgreSQL primary).',
    fix: 'Declare it in the configuration as the message says, or leave the step out of features for this service.',
  },
  FL_ATTACH_FAILED: {
    summary: 'Attach mode found no running stack matching the configuration.',
    fix: 'Start the stack first (`docker compose -p faultline up -d --build`), with the service, link and variable names the message lists.',
  },
  FL_TOXIPROXY_CRASHED: {
    summary: 'The Toxiproxy server of the stack exited during the run; every later fault fails with it.',
    fix: 'Read its panic in the message. Toxiproxy 2.12.0 has a known race (src/faults/toxiproxy-reset.ts explains what the suite does against it); rerun, and report the scenario and the panic if it recurs.',
  },
  FL_MISSING_STEP: {
    summary: 'A step needs what an earlier step of the scenario makes (requests, a fault, a measurement, a running part of the stack), and no earlier step made it; or a step comes after one it must precede.',
    fix: 'Add the step the message names before this one, or move this step before the one the message names.',
  },
  FL_CONTAINER_FAULT: {
    summary: 'A container-level fault (pause, signal, restart, CPU, clock, DNS, packets) could not be injected or removed.',
    fix: 'Read the Docker engine\'s answer in the message; the chaos helper image comes from `bash scripts/setup.sh` (or FAULTLINE_CHAOS_IMAGE), and CPU pressure inside a cgroup needs the cgroupfs driver.',
  },
  FL_BAD_FAULT: {
    summary: 'A fault step has a parameter out of range, or targets something that cannot take that fault.',
    fix: 'Use the range or the target the message gives.',
  },
  FL_CONTROL_API: {
    summary: 'A control API (Toxiproxy or a scriptable upstream) refused a request.',
    fix: 'Read the API answer in the message; it names the field at fault.',
  },
  FL_BAD_SCRIPTED_ANSWER: {
    summary: 'A scripted-answer step asks a scriptable upstream for an answer or a choice of requests it cannot give.',
    fix: 'Write the answer ("503", "503 and Retry-After 1s", "a delay of 2s", "a truncated body") and which requests ("for the next 2 requests", "on the 3rd request", "for every request", "for 10% of requests") as the message shows.',
  },
  FL_BAD_FAULT_SET: {
    summary: 'A fault set given to `faultline explore --faults` (a replay command) or an exploration budget is not in the explorer\'s form.',
    fix: 'Copy the replay command from the counterexample, or write faults as http:<kind>@<upstream>:<METHOD>:<path>#<n> and tcp:<kind>@<link>:request<n>, separated by commas.',
  },
  FL_BAD_INPUT: {
    summary: 'A command-line argument or an input `faultline init` needs is missing or invalid.',
    fix: 'Give the argument the message names, in the form it shows; `npx faultline --help` lists every command and option.',
  },
  FL_IMAGE_BUILD_FAILED: {
    summary: 'Docker could not build an image the configuration needs.',
    fix: 'Read Docker\'s build output in the message: it names the Dockerfile line that failed and what it could not find; fix that line or the build context, then run again.',
  },
  FL_SHARD_MISMATCH: {
    summary: 'The message files given to `faultline report merge` are not shards of one run (other features, tags or steps), or one is not a message file.',
    fix: 'Run every shard from the same commit with the same profile, paths and tags, changing only `--shard i/N`, and pass each shard\'s reports directory (its FAULTLINE_REPORTS_DIR).',
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof errorRegistry;

export class FaultlineError extends Error {
  readonly code: ErrorCode;
  readonly fix: string;

  constructor(code: ErrorCode, detail: string, options?: { cause?: unknown }) {
    const definition = errorRegistry[code];
    super(`${code}: ${detail}\n  fix: ${definition.fix}`, options);
    this.name = 'FaultlineError';
    this.code = code;
    this.fix = definition.fix;
  }
}
