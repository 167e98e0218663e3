// Joins the message streams of a run split with cucumber's `--shard i/N` into the stream of one run,
// so that one report (ours and cucumber's own) covers every shard.
//
// Every shard parses the same feature files and loads the same steps, so its definitions (gherkin
// documents, pickles, hooks, step definitions, parameter types) are the first shard's, in the same
// order, under other ids (cucumber makes fresh UUIDs per run). The merged stream keeps the first
// shard's definitions once, renames the others' ids to them, and keeps every shard's execution
// (test cases, attempts, steps, attachments). The shards' runs become one: it starts when the first
// shard started, ends when the last one ended, and succeeded only if every shard did.
import { TimeConversion, type Envelope, type Timestamp } from '@cucumber/messages';
import { FaultlineError } from '../errors.js';

/** One shard's messages, and where they came from (for error messages). */
export interface ShardMessages {
  readonly source: string;
  readonly envelopes: readonly Envelope[];
}

type Message = Record<string, unknown>;
type RawEnvelope = Record<string, Message>;

// Envelope kinds that describe the run's material rather than its execution: once per run.
const definitionKinds = ['source', 'gherkinDocument', 'pickle', 'hook', 'stepDefinition', 'parameterType', 'undefinedParameterType'] as const;
const runKinds = ['meta', 'testRunStarted', 'testRunFinished'] as const;

function kindOf(envelope: RawEnvelope): string {
  const [kind] = Object.keys(envelope);
  return kind ?? '';
}

/** Pairs every `id` found in `from` with the one at the same place in `to`. */
function pairIds(from: unknown, to: unknown, ids: Map<string, string>, where: string): void {
  if (Array.isArray(from) && Array.isArray(to)) {
    from.forEach((item, index) => pairIds(item, to[index], ids, where));
    return;
  }
  if (from === null || to === null || typeof from !== 'object' || typeof to !== 'object') return;
  for (const [key, value] of Object.entries(from)) {
    const other = (to as Record<string, unknown>)[key];
    if (key === 'id' && typeof value === 'string') {
      if (typeof other !== 'string') throw mismatch(where, `an id without counterpart`);
      ids.set(value, other);
    } else pairIds(value, other, ids, where);
  }
}

/** A copy of `value` with every string that is a renamed id replaced (ids are UUIDs, so no text matches one by accident). */
function renamed<T>(value: T, ids: ReadonlyMap<string, string>): T {
  if (typeof value === 'string') return (ids.get(value) ?? value) as T;
  if (Array.isArray(value)) return value.map((item) => renamed(item, ids)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renamed(item, ids)])) as T;
}

function mismatch(where: string, detail: string): FaultlineError {
  return new FaultlineError('FL_SHARD_MISMATCH', `${where}: ${detail}`);
}

/** What identifies a definition across runs, for the check that two shards ran the same material. */
function identity(kind: string, message: Message): string {
  switch (kind) {
    case 'source':
    case 'gherkinDocument':
      return String(message.uri);
    case 'pickle':
      return `${String(message.uri)} › ${String(message.name)}`;
    case 'stepDefinition': {
      const pattern = (message.pattern as { source?: unknown } | undefined)?.source;
      return `step "${String(pattern)}"`;
    }
    case 'hook':
      return `hook ${String(message.name ?? '')} ${String((message.sourceReference as { uri?: unknown } | undefined)?.uri ?? '')}`;
    case 'parameterType':
      return `parameter type {${String(message.name)}}`;
    default:
      return JSON.stringify(message);
  }
}

function timestampMs(timestamp: Timestamp): number {
  return TimeConversion.timestampToMillisecondsSinceEpoch(timestamp);
}

/** The shards' envelopes as one run's (see the file comment). Throws FL_SHARD_MISMATCH when they are not shards of one run. */
export function mergeShardMessages(shards: readonly ShardMessages[]): Envelope[] {
  if (shards.length === 0) throw new FaultlineError('FL_SHARD_MISMATCH', 'no shard to merge: pass the directories (or messages.ndjson files) the shards wrote');
  const byKind = (shard: ShardMessages, kind: string) => (shard.envelopes as unknown as RawEnvelope[]).filter((envelope) => kindOf(envelope) === kind).map((envelope) => envelope[kind]!);
  const [first] = shards as [ShardMessages, ...ShardMessages[]];
  const renames = shards.map((shard, index) => {
    const ids = new Map<string, string>();
    if (index === 0) return ids;
    for (const kind of definitionKinds) {
      const mine = byKind(shard, kind);
      const theirs = byKind(first, kind);
      const where = `${shard.source} and ${first.source}`;
      const mineNames = mine.map((message) => identity(kind, message));
      const theirNames = theirs.map((message) => identity(kind, message));
      if (mineNames.join('\n') !== theirNames.join('\n')) {
        const only = (a: string[], b: string[]) => a.filter((name) => !b.includes(name)).slice(0, 3);
        throw mismatch(
          where,
          `not shards of one run: their ${kind} messages differ (${mine.length} against ${theirs.length}` +
            `${only(mineNames, theirNames).length ? `; only in the first: ${only(mineNames, theirNames).join(', ')}` : ''}` +
            `${only(theirNames, mineNames).length ? `; only in the second: ${only(theirNames, mineNames).join(', ')}` : ''}` +
            `${mineNames.length === theirNames.length ? '; same names in another order' : ''}). Run every shard from the same commit with the same profile, paths and tags, changing only --shard`,
        );
      }
      mine.forEach((message, position) => pairIds(message, theirs[position], ids, where));
    }
    const started = byKind(shard, 'testRunStarted')[0];
    const firstStarted = byKind(first, 'testRunStarted')[0];
    if (typeof started?.id === 'string' && typeof firstStarted?.id === 'string') ids.set(started.id, firstStarted.id);
    return ids;
  });

  const runStarts = shards.map((shard) => byKind(shard, 'testRunStarted')[0]);
  const runEnds = shards.map((shard) => byKind(shard, 'testRunFinished')[0]);
  const missingStart = shards.find((_, index) => runStarts[index] === undefined);
  if (missingStart) throw mismatch(missingStart.source, 'no testRunStarted message: is this the output of cucumber\'s "message" formatter?');
  const earliest = runStarts.reduce((a, b) => (timestampMs(b!.timestamp as Timestamp) < timestampMs(a!.timestamp as Timestamp) ? b : a))!;
  const finished = runEnds.filter((end): end is Message => end !== undefined);
  const merged: RawEnvelope[] = [];
  const meta = byKind(first, 'meta')[0];
  if (meta) merged.push({ meta });
  for (const envelope of first.envelopes as unknown as RawEnvelope[]) {
    if ((definitionKinds as readonly string[]).includes(kindOf(envelope))) merged.push(envelope);
  }
  merged.push({ testRunStarted: { ...runStarts[0]!, timestamp: earliest.timestamp } });
  // Shards split the scenarios: one that ran in two of the inputs means they are not shards of one
  // run (a whole run given with a shard of it, or the same shard twice).
  const ranIn = new Map<string, string>();
  const pickleNames = new Map(byKind(first, 'pickle').map((pickle) => [String(pickle.id), identity('pickle', pickle)]));
  shards.forEach((shard, index) => {
    for (const envelope of shard.envelopes as unknown as RawEnvelope[]) {
      const kind = kindOf(envelope);
      if ((definitionKinds as readonly string[]).includes(kind) || (runKinds as readonly string[]).includes(kind)) continue;
      const message = renamed(envelope, renames[index]!);
      const pickleId = kind === 'testCase' ? String(message.testCase!.pickleId) : undefined;
      if (pickleId !== undefined) {
        const other = ranIn.get(pickleId);
        if (other !== undefined) {
          throw mismatch(
            `${other} and ${shard.source}`,
            `both ran ${pickleNames.get(pickleId) ?? 'the same scenario'}: shards of one run split its scenarios (is one of them the whole run, or the same shard given twice?)`,
          );
        }
        ranIn.set(pickleId, shard.source);
      }
      merged.push(message);
    }
  });
  // A shard that was killed has no testRunFinished: the merged run did not finish either.
  if (finished.length === shards.length) {
    const last = finished.reduce((a, b) => (timestampMs(b.timestamp as Timestamp) > timestampMs(a.timestamp as Timestamp) ? b : a));
    const messages = finished.map((end) => end.message).filter((message): message is string => typeof message === 'string' && message !== '');
    merged.push({
      testRunFinished: {
        ...finished[0]!,
        success: finished.every((end) => end.success === true),
        timestamp: last.timestamp,
        ...(messages.length > 0 ? { message: messages.join('\n') } : {}),
      },
    });
  }
  return merged as unknown as Envelope[];
}
