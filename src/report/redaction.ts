// Producers redact secrets before they attach evidence; the reports redact again because a report
// is shared widely (CI artefacts, job summaries) and one forgotten field would leak a credential.

export const redactedText = '[redacted]';

const secretWords = /(password|passwd|passphrase|secret|token|credential|api[-_]?key|private[-_]?key)/i;
const secretSegments = new Set(['key', 'keys', 'pwd', 'pass', 'auth', 'authorization', 'cookie', 'session']);

/** Whether a name (environment variable, JSON field, header) looks like it holds a secret. */
export function isSecretKey(name: string): boolean {
  if (secretWords.test(name)) return true;
  const segments = name.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).map((segment) => segment.toLowerCase());
  return segments.some((segment) => secretSegments.has(segment));
}

// name=value, name: value, "name": "value" (logs, JSON text, headers, query strings).
// A value that is already "[redacted]" is kept as it is.
const assignment = /(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\1(\s*[:=]\s*)(?:"([^"\n]*)"|'([^'\n]*)'|\[redacted\]|([^\s"',;&}\]]+))/g;
// An Authorization header: the scheme and its credentials, whatever their form.
const authorizationHeader = /\b((?:proxy-)?authorization)(["']?\s*[:=]\s*["']?)[A-Za-z-]+\s+(?:\[redacted\]|[^\s"',;&}\]]+)/gi;
// Credentials after an auth scheme elsewhere. An ordinary word after it is prose ("the Basic Multilingual Plane").
const bearer = /\b(Bearer|Basic|Token)\s+(?![A-Z]?[a-z]+(?![A-Za-z0-9._~+/=-]))[A-Za-z0-9._~+/=-]{8,}/g;
/** Values shorter than this are too likely to be ordinary words to be replaced wherever they occur. */
const minimumLiteralSecretLength = 8;

export class Redactor {
  private readonly literals: string[];

  /** `knownSecrets`: values to remove wherever they appear, e.g. from the environment. */
  constructor(knownSecrets: Iterable<string> = []) {
    this.literals = [...new Set([...knownSecrets].filter((value) => value.length >= minimumLiteralSecretLength && value !== redactedText))].sort(
      (a, b) => b.length - a.length,
    );
  }

  /** A redactor that also knows the secret-looking values of an environment (process.env). */
  static fromEnvironment(environment: Readonly<Record<string, string | undefined>>): Redactor {
    return new Redactor(secretValuesOf(environment));
  }

  /** A redactor that also removes the secret values found in `value` itself (by their field names). */
  including(value: unknown): Redactor {
    return new Redactor([...this.literals, ...secretValuesOf(value)]);
  }

  text(input: string): string {
    let output = input;
    for (const literal of this.literals) output = output.split(literal).join(redactedText);
    // Credentials after an auth scheme first: "Authorization: Bearer x" would otherwise lose only "Bearer".
    output = output.replace(authorizationHeader, (_match, name: string, separator: string) => `${name}${separator}${redactedText}`);
    output = output.replace(bearer, (_match, scheme: string) => `${scheme} ${redactedText}`);
    return output.replace(assignment, (match, quote: string, name: string, separator: string, doubleQuoted?: string, singleQuoted?: string, bare?: string) => {
      if (!isSecretKey(name) || (doubleQuoted ?? singleQuoted ?? bare) === undefined) return match;
      const valueQuote = doubleQuoted !== undefined ? '"' : singleQuoted !== undefined ? "'" : '';
      return `${quote}${name}${quote}${separator}${valueQuote}${redactedText}${valueQuote}`;
    });
  }

  /** A deep copy of `value` with secret-named fields replaced and every string redacted. */
  value<T>(value: T): T {
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, isSecretKey(key) && isLeaf(item) ? redactedText : this.walk(item)]),
      );
    }
    return value;
  }
}

function isLeaf(value: unknown): boolean {
  return value === null || typeof value !== 'object' || (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object'));
}

function secretValuesOf(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) secretValuesOf(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (isSecretKey(key) && typeof item === 'string') found.push(item);
      else secretValuesOf(item, found);
    }
  }
  return found;
}
