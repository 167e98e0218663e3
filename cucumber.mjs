// Cucumber profiles. The tsx register file comes first in `import`, so every TypeScript support
// and step file after it loads through tsx, in --parallel workers too.
const common = {
  import: ['steps/support/register-tsx.mjs', 'steps/support/**/*.ts', 'steps/**/*.steps.ts'],
  paths: ['features/**/*.feature'],
  format: [
    'progress',
    'html:reports/cucumber.html',
    'junit:reports/junit.xml',
    'message:reports/messages.ndjson',
    './src/report/resilience-formatter.mjs:reports/resilience-report.json',
  ],
  formatOptions: { snippetInterface: 'async-await' },
};

export default { ...common };

// CI: undefined or pending steps fail the run, and nothing is retried.
export const ci = { ...common, strict: true, retry: 0 };
