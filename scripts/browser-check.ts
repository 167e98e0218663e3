/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (DOM types for inspectPage, which runs in the page.)
// Opens a report in headless Chromium, offline, and proves what a unit test of the HTML cannot: the
// page loads nothing from anywhere and logs no error, its summary is on the first screen, every
// scenario has its own section, every chart has a size, and no unformatted value ("undefined",
// "NaN", "[object Object]") reached the text.
//
// The page's content changes often; the check relies on structure only: the first child of <main>
// (or the first <section>) is the summary; scenario sections are the elements marked
// [data-scenario], else the <article>s, else the <section>s nested in a <section>; charts are the
// outermost <svg>s.
import { access, constants } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const defaultChromiumPath = '/usr/bin/chromium';

export interface BrowserCheckResult {
  readonly consoleErrors: string[];
  /** Every request the page made, except loading the report file itself. */
  readonly networkRequests: string[];
  readonly failedRequests: string[];
  /** What the page's structure or text got wrong, one sentence each; empty when the page is sound. */
  readonly pageProblems: string[];
  readonly scenarioSections: number;
  readonly charts: number;
  readonly screenshotBytes: number;
}

export interface BrowserCheckOptions {
  /** Defaults to $FAULTLINE_CHROMIUM, else /usr/bin/chromium, else the first chromium on $PATH. */
  readonly chromiumPath?: string;
  readonly timeoutMs?: number;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Scenario names (from resilience-report.json): each must appear in a scenario section of its own. */
  readonly expectedScenarios?: readonly string[];
  /** How long the page must stay quiet after load before we conclude nothing else will be fetched. */
  readonly settleMs?: number;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Which Chromium to launch: the option, $FAULTLINE_CHROMIUM, Debian's /usr/bin/chromium, or one on $PATH. */
export async function findChromium(explicit?: string, environment: Readonly<Record<string, string | undefined>> = process.env): Promise<string> {
  const chosen = explicit ?? environment.FAULTLINE_CHROMIUM;
  if (chosen !== undefined && chosen !== '') {
    if (await isExecutable(chosen)) return chosen;
    throw new Error(`${chosen} is missing: the report's browser check needs Chromium. Run \`npm run setup\` (it installs Debian's chromium package) or point FAULTLINE_CHROMIUM at a Chromium.`);
  }
  const onPath = (environment.PATH ?? '').split(delimiter).filter(Boolean).flatMap((directory) => [join(directory, 'chromium'), join(directory, 'chromium-browser')]);
  for (const candidate of [defaultChromiumPath, ...onPath]) if (await isExecutable(candidate)) return candidate;
  throw new Error(`no Chromium at ${defaultChromiumPath} or on $PATH: the report's browser check needs one. Run \`npm run setup\` (it installs Debian's chromium package) or set FAULTLINE_CHROMIUM.`);
}

interface PageFindings {
  readonly problems: string[];
  readonly scenarioSections: number;
  readonly charts: number;
}

/** Runs in the page: where the summary is, which scenarios have a section, and text that was never formatted. */
function inspectPage(expectedScenarios: readonly string[]): PageFindings {
  const problems: string[] = [];
  const normalise = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
  const visible = (element: Element) => {
    const style = getComputedStyle(element);
    return style.display !== 'none' && style.visibility !== 'hidden' && Number(style.opacity) > 0;
  };

  const summary = document.querySelector('main > *') ?? document.querySelector('section');
  if (!summary) problems.push('the page has neither a <main> with content nor a <section>: no summary to show');
  else {
    const box = summary.getBoundingClientRect();
    const heading = summary.querySelector('h1, h2, h3');
    const headingBox = heading?.getBoundingClientRect();
    if (!visible(summary) || box.height === 0 || box.width === 0) problems.push(`the summary (<${summary.tagName.toLowerCase()}>, the first child of <main>) is not rendered`);
    else if (box.top >= innerHeight || box.bottom <= 0) problems.push(`the summary starts at ${Math.round(box.top)} px, below the first screen (${innerHeight} px)`);
    else if (headingBox && (headingBox.top < 0 || headingBox.bottom > innerHeight)) {
      problems.push(`the summary's heading “${normalise(heading!.textContent)}” is not wholly on the first screen (${Math.round(headingBox.top)}..${Math.round(headingBox.bottom)} px of ${innerHeight})`);
    }
  }

  // Collapsed sections hide their charts (and give them no size): open them all before measuring.
  for (const details of document.querySelectorAll('details')) details.open = true;

  const sections = [...document.querySelectorAll('[data-scenario]')];
  if (sections.length === 0) sections.push(...document.querySelectorAll('article'));
  if (sections.length === 0) sections.push(...document.querySelectorAll('section section'));
  const sectionTexts = sections.map((section) => normalise(section.textContent));
  if (sections.length < expectedScenarios.length) problems.push(`${expectedScenarios.length} scenarios ran, but the page has ${sections.length} scenario sections`);
  for (const name of expectedScenarios) {
    if (!sectionTexts.some((text) => text.includes(normalise(name)))) problems.push(`no scenario section names “${name}”`);
  }

  const charts = [...document.querySelectorAll('svg')].filter((svg) => !svg.parentElement?.closest('svg'));
  charts.forEach((chart, index) => {
    const box = chart.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) {
      const label = chart.getAttribute('aria-label') ?? chart.getAttribute('class') ?? `number ${index + 1}`;
      problems.push(`chart “${label}” has no size (${Math.round(box.width)}×${Math.round(box.height)} px)`);
    }
  });

  // "undefined" is also a Cucumber verdict: allowed where the element (or its parent) is marked with
  // that verdict, e.g. class="badge undefined", or where it is listed among other verdicts.
  const verdicts = /\b(passed|failed|skipped|pending|ambiguous|unknown)\b/i;
  const markedUndefined = (element: Element | null, levels: number): boolean =>
    element !== null && levels > 0 && ([...element.classList].some((name) => name.split('-').includes('undefined')) || element.getAttribute('data-verdict') === 'undefined' || markedUndefined(element.parentElement, levels - 1));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const unformatted = new Set<string>();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    // Logs, errors and code are quoted as they were; they may say "undefined" themselves.
    if (!parent || parent.closest('pre, code, script, style')) continue;
    const text = normalise(node.textContent);
    const found = [/\[object Object\]/, /\bNaN\b/].filter((pattern) => pattern.test(text));
    if (/\bundefined\b/.test(text) && !markedUndefined(parent, 2) && !verdicts.test(text) && !/^\d+ undefined$/.test(text)) found.push(/undefined/);
    if (found.length > 0) unformatted.add(text.length > 120 ? `${text.slice(0, 117)}...` : text);
  }
  for (const text of unformatted) problems.push(`unformatted value in the text: “${text}”`);
  return { problems, scenarioSections: sections.length, charts: charts.length };
}

function withoutHash(url: string): string {
  const hash = url.indexOf('#');
  return hash >= 0 ? url.slice(0, hash) : url;
}

async function settle(page: Page, lastActivity: () => number, settleMs: number): Promise<void> {
  while (Date.now() - lastActivity() < settleMs) await page.waitForTimeout(100);
}

export async function checkReportInBrowser(htmlPath: string, screenshotPath: string, options: BrowserCheckOptions = {}): Promise<BrowserCheckResult> {
  const executablePath = await findChromium(options.chromiumPath);
  const timeoutMs = options.timeoutMs ?? 25_000;
  const viewport = options.viewport ?? { width: 1280, height: 900 };
  const reportUrl = pathToFileURL(resolve(htmlPath)).href;
  const browser = await chromium.launch({ executablePath, headless: true, timeout: timeoutMs, args: ['--disable-gpu', '--disable-quic'] });
  try {
    const context = await browser.newContext({ offline: true, viewport });
    context.setDefaultTimeout(timeoutMs);
    // Under tsx, esbuild wraps named functions in __name(); inspectPage runs in the page, which lacks it.
    await context.addInitScript('globalThis.__name ??= (target) => target;');
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    const networkRequests: string[] = [];
    const failedRequests: string[] = [];
    let lastActivity = Date.now();
    page.on('console', (message) => {
      lastActivity = Date.now();
      if (message.type() === 'error' || message.type() === 'assert') consoleErrors.push(`console.${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
    page.on('request', (request) => {
      lastActivity = Date.now();
      const url = request.url();
      if (withoutHash(url) !== reportUrl && !url.startsWith('data:')) networkRequests.push(url);
    });
    page.on('requestfailed', (request) => failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`));

    const response = await page.goto(reportUrl, { waitUntil: 'load' });
    if (response !== null && !response.ok()) throw new Error(`Chromium could not open ${reportUrl}: status ${response.status()}`);
    await settle(page, () => lastActivity, options.settleMs ?? 500);
    const screenshot = await page.screenshot({ path: screenshotPath, fullPage: false });
    const findings = await page.evaluate(inspectPage, options.expectedScenarios ?? []);
    return {
      consoleErrors,
      networkRequests,
      failedRequests,
      pageProblems: findings.problems,
      scenarioSections: findings.scenarioSections,
      charts: findings.charts,
      screenshotBytes: screenshot.length,
    };
  } finally {
    await browser.close();
  }
}

/** Every finding of a check as one sentence each; empty when the report is sound. */
export function browserCheckProblems(result: BrowserCheckResult): string[] {
  return [
    ...result.consoleErrors.map((error) => `console error: ${error}`),
    ...result.networkRequests.map((url) => `network request: ${url}`),
    ...result.failedRequests.map((failure) => `failed request: ${failure}`),
    ...result.pageProblems,
  ];
}
