// The part of the Cucumber Messages protocol the reports read, typed structurally. The reports are
// rebuilt from saved messages.ndjson files too, so this states what we rely on instead of importing
// @cucumber/messages (a transitive package whose exact version is cucumber's business).

export interface MessageTimestamp {
  readonly seconds: number;
  readonly nanos: number;
}

export interface GherkinStep {
  readonly id: string;
  readonly keyword: string;
  readonly text: string;
}

export interface GherkinScenario {
  readonly id: string;
  readonly keyword: string;
  readonly name: string;
  readonly steps: readonly GherkinStep[];
}

export interface GherkinBackground {
  readonly id: string;
  readonly steps: readonly GherkinStep[];
}

export interface GherkinChild {
  readonly scenario?: GherkinScenario;
  readonly background?: GherkinBackground;
  readonly rule?: { readonly children: readonly GherkinChild[] };
}

export interface GherkinDocumentMessage {
  readonly uri?: string;
  readonly feature?: { readonly name: string; readonly keyword: string; readonly children: readonly GherkinChild[] };
}

export interface PickleStepMessage {
  readonly id: string;
  readonly text: string;
  readonly astNodeIds: readonly string[];
  readonly argument?: {
    readonly docString?: { readonly content: string };
    readonly dataTable?: { readonly rows: readonly { readonly cells: readonly { readonly value: string }[] }[] };
  };
}

export interface PickleMessage {
  readonly id: string;
  readonly uri: string;
  readonly name: string;
  readonly steps: readonly PickleStepMessage[];
  readonly tags: readonly { readonly name: string }[];
  readonly astNodeIds: readonly string[];
}

export interface TestStepMessage {
  readonly id: string;
  readonly pickleStepId?: string;
  readonly hookId?: string;
}

export interface TestCaseMessage {
  readonly id: string;
  readonly pickleId: string;
  readonly testSteps: readonly TestStepMessage[];
}

export interface HookMessage {
  readonly id: string;
  readonly name?: string;
  readonly type?: string;
}

export interface TestStepResultMessage {
  readonly status: string;
  readonly duration: MessageTimestamp;
  readonly message?: string;
  readonly exception?: { readonly type: string; readonly message?: string };
}

export interface AttachmentMessage {
  readonly body: string;
  readonly contentEncoding: string;
  readonly mediaType: string;
  readonly testCaseStartedId?: string;
  readonly testStepId?: string;
}

export interface Envelope {
  readonly meta?: { readonly implementation: { readonly name: string; readonly version?: string } };
  readonly gherkinDocument?: GherkinDocumentMessage;
  readonly pickle?: PickleMessage;
  readonly hook?: HookMessage;
  readonly testCase?: TestCaseMessage;
  readonly testRunStarted?: { readonly timestamp: MessageTimestamp };
  readonly testCaseStarted?: { readonly id: string; readonly testCaseId: string; readonly attempt: number; readonly timestamp: MessageTimestamp };
  readonly testStepFinished?: {
    readonly testCaseStartedId: string;
    readonly testStepId: string;
    readonly testStepResult: TestStepResultMessage;
    readonly timestamp: MessageTimestamp;
  };
  readonly attachment?: AttachmentMessage;
  readonly testCaseFinished?: { readonly testCaseStartedId: string; readonly timestamp: MessageTimestamp; readonly willBeRetried: boolean };
  readonly testRunFinished?: { readonly success: boolean; readonly timestamp: MessageTimestamp; readonly message?: string };
}

export function timestampToEpochMs(timestamp: MessageTimestamp): number {
  return timestamp.seconds * 1000 + Math.round(timestamp.nanos / 1e6);
}

export function durationToMs(duration: MessageTimestamp): number {
  return duration.seconds * 1000 + duration.nanos / 1e6;
}
