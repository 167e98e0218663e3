// A parser for the Prometheus text exposition format (version 0.0.4): enough to read counters,
// gauges and histogram series by name and labels, and to take deltas between two scrapes.

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const samplePattern = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const labelPattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?\s*/gy;

function unescapeLabel(value: string): string {
  return value.replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char));
}

function parseValue(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = samplePattern.exec(line);
    if (!match) throw new Error(`line ${index + 1} is not a Prometheus sample: ${line}`);
    const [, name, labelText, valueText] = match as unknown as [string, string, string | undefined, string];
    const labels: Record<string, string> = {};
    if (labelText) {
      labelPattern.lastIndex = 0;
      let consumed = 0;
      for (let label = labelPattern.exec(labelText); label; label = labelPattern.exec(labelText)) {
        labels[label[1]!] = unescapeLabel(label[2]!);
        consumed = labelPattern.lastIndex;
      }
      if (consumed !== labelText.length) throw new Error(`line ${index + 1} has malformed labels: ${line}`);
    }
    samples.push({ name, labels, value: parseValue(valueText) });
  });
  return samples;
}

function matches(sample: Sample, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(labels).every(([key, value]) => sample.labels[key] === value);
}

/** Sum of the samples with this name whose labels include `labels` (0 when none). */
export function metricValue(samples: readonly Sample[], name: string, labels: Readonly<Record<string, string>> = {}): number {
  return samples.filter((sample) => sample.name === name && matches(sample, labels)).reduce((sum, sample) => sum + sample.value, 0);
}
