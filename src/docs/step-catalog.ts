// The step catalog (docs/steps.md) is generated from the step definitions themselves, so that it
// cannot drift from what runs. A test compares the committed file with a fresh rendering.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../project-root.js';

export interface StepEntry {
  readonly keyword: 'Given' | 'When' | 'Then';
  readonly expression: string;
  readonly file: string;
  readonly line: number;
}

const definitionPattern = /\b(Given|When|Then)\(\s*(['"])((?:\\.|(?!\2).)*)\2/g;

export function extractSteps(source: string, file: string): StepEntry[] {
  const entries: StepEntry[] = [];
  for (const match of source.matchAll(definitionPattern)) {
    const expression = match[3]!.replace(/\\(['"\\])/g, '$1').replace(/\\\\/g, '\\');
    entries.push({ keyword: match[1] as StepEntry['keyword'], expression, file, line: source.slice(0, match.index).split('\n').length });
  }
  return entries;
}

export function collectSteps(stepsDir = join(projectRoot, 'steps')): StepEntry[] {
  return readdirSync(stepsDir)
    .filter((name) => name.endsWith('.steps.ts'))
    .sort()
    .flatMap((name) => extractSteps(readFileSync(join(stepsDir, name), 'utf8'), relative(projectRoot, join(stepsDir, name))));
}

const parameterTypes: ReadonlyArray<readonly [string, string, string]> = [
  ['{duration}', '`200ms`, `2s`, `1.5s`, `1m`', 'a time; bounds get the DESIGN §5 tolerances'],
  ['{percent}', '`1%`, `0.5%`', 'a fraction of requests'],
  ['{percentile}', '`p(50)`, `p(99)`', 'a latency percentile'],
  ['{status}', '`503`', 'an HTTP status'],
  ['{link}', '`payment`, `db-primary`, `ingress`', 'a Toxiproxy link of the topology'],
  ['{toxic}', '`latency`, `bandwidth`, `slow_close`, `timeout`, `reset_peer`, `slicer`, `limit_data`', 'a Toxiproxy toxic type'],
  ['{stream}', '`upstream`, `downstream`', 'the direction a toxic applies to'],
  ['{int}, {string}, {word}', '`3`, `"503, 200"`, `/metrics`', "cucumber's built-in types"],
];

export function renderCatalog(entries: readonly StepEntry[]): string {
  const lines = [
    '# Step catalog',
    '',
    '<!-- Generated from steps/*.steps.ts by `npm run docs`; a test fails when this file is stale. -->',
    '',
    'Every step a feature can use, grouped by the file that defines it. In Gherkin, `And` and `But`',
    'continue the previous keyword. `(s)` marks an optional plural.',
    '',
    '## Parameter types',
    '',
    '| type | examples | meaning |',
    '| --- | --- | --- |',
    ...parameterTypes.map(([type, examples, meaning]) => `| \`${type}\` | ${examples} | ${meaning} |`),
  ];
  const files = [...new Set(entries.map((entry) => entry.file))];
  for (const file of files) {
    lines.push('', `## ${file.replace(/^steps\//, '').replace(/\.steps\.ts$/, '')}`, '');
    for (const entry of entries.filter((candidate) => candidate.file === file)) {
      lines.push(`- **${entry.keyword}** ${entry.expression.replace(/\\\//g, '/').replace(/\|/g, '\\|')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export const stepCatalogPath = join(projectRoot, 'docs', 'steps.md');
