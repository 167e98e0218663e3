// Opens a report in headless Chromium, offline, and proves what a unit test cannot: the page loads
// nothing from anywhere, logs no error, and renders something (a screenshot with more than one
// colour). Speaks the DevTools protocol over a pipe, so it needs no package and opens no port.
import { spawn, type ChildProcess } from 'node:child_process';
import { access, constants, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { CdpPipeClient, type CdpEvent } from './cdp-pipe-client.js';
import { countDistinctColours, decodePng } from './png-pixels.js';

export const chromiumPath = '/usr/bin/chromium';

export interface BrowserCheckResult {
  readonly consoleErrors: string[];
  /** Every request the page made, except loading the report file itself. */
  readonly networkRequests: string[];
  readonly screenshotBytes: number;
  readonly distinctColours: number;
}

export interface BrowserCheckOptions {
  /** Defaults to Debian's /usr/bin/chromium, which `npm run setup` installs. */
  readonly chromiumPath?: string;
  readonly timeoutMs?: number;
  readonly viewportWidth?: number;
  /** Taller pages are cut here: the screenshot is evidence, not an archive. */
  readonly maximumScreenshotHeight?: number;
  /** How long the page must stay quiet after load before we conclude nothing else will be fetched. */
  readonly settleMs?: number;
}

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--mute-audio',
  '--hide-scrollbars',
  '--remote-debugging-pipe',
];

async function assertChromiumInstalled(path: string): Promise<void> {
  try {
    await access(path, constants.X_OK);
  } catch {
    throw new Error(`${path} is missing: the report's browser check needs Chromium. Run \`npm run setup\` (it installs Debian's chromium package).`);
  }
}

function describeConsoleCall(params: Record<string, unknown>): string {
  const args = Array.isArray(params.args) ? (params.args as { value?: unknown; description?: string }[]) : [];
  return `console.${String(params.type)}: ${args.map((arg) => (arg.value !== undefined ? String(arg.value) : (arg.description ?? ''))).join(' ')}`;
}

function describeLogEntry(entry: Record<string, unknown>): string {
  return `${String(entry.source)} ${String(entry.level)}: ${String(entry.text)}${entry.url ? ` (${String(entry.url)})` : ''}`;
}

function describeException(params: Record<string, unknown>): string {
  const details = (params.exceptionDetails ?? {}) as { text?: string; exception?: { description?: string } };
  return `uncaught: ${details.exception?.description ?? details.text ?? 'exception'}`;
}

function withoutHash(url: string): string {
  const hash = url.indexOf('#');
  return hash >= 0 ? url.slice(0, hash) : url;
}

async function stopBrowser(browser: ChildProcess, client: CdpPipeClient): Promise<void> {
  if (browser.exitCode !== null || browser.signalCode !== null) return;
  const exited = new Promise<void>((done) => browser.once('exit', () => done()));
  // A hung browser answers nothing, not even Browser.close: after a grace period its process group
  // goes (spawned detached, so the group holds Chromium and its helpers only).
  const grace = setTimeout(() => {
    try {
      if (browser.pid !== undefined) process.kill(-browser.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 3_000);
  client.send('Browser.close').catch(() => undefined);
  await exited;
  clearTimeout(grace);
}

export async function checkReportInBrowser(htmlPath: string, screenshotPath: string, options: BrowserCheckOptions = {}): Promise<BrowserCheckResult> {
  const browserPath = options.chromiumPath ?? chromiumPath;
  await assertChromiumInstalled(browserPath);
  const timeoutMs = options.timeoutMs ?? 25_000;
  const width = options.viewportWidth ?? 1280;
  const reportUrl = pathToFileURL(resolve(htmlPath)).href;
  const profile = await mkdtemp(join(tmpdir(), 'faultline-chromium-'));
  const browser = spawn(browserPath, [...chromiumFlags, `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let stderrTail = '';
  browser.stderr?.setEncoding('utf8');
  browser.stderr?.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-4_000);
  });
  const client = new CdpPipeClient(browser.stdio[3] as Writable, browser.stdio[4] as Readable);
  const exitedEarly = new Promise<never>((_, reject) => {
    browser.once('exit', (code, signal) => reject(new Error(`Chromium exited early (code ${code}, signal ${signal}); its last output:\n${stderrTail}`)));
    browser.once('error', (error) => reject(new Error(`Chromium could not be started: ${error.message}`)));
  });
  exitedEarly.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the browser check did not finish within ${timeoutMs} ms; Chromium's last output:\n${stderrTail}`)), timeoutMs);
  });

  const consoleErrors: string[] = [];
  const networkRequests: string[] = [];
  let lastActivity = Date.now();
  const check = async (): Promise<BrowserCheckResult> => {
    const { targetId } = await client.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await client.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    client.onEvent((event: CdpEvent) => {
      if (event.sessionId !== sessionId) return;
      lastActivity = Date.now();
      const params = event.params;
      if (event.method === 'Network.requestWillBeSent') {
        const url = String((params.request as { url?: unknown } | undefined)?.url ?? '');
        if (withoutHash(url) !== reportUrl) networkRequests.push(url);
      } else if (event.method === 'Runtime.consoleAPICalled' && (params.type === 'error' || params.type === 'assert')) {
        consoleErrors.push(describeConsoleCall(params));
      } else if (event.method === 'Runtime.exceptionThrown') {
        consoleErrors.push(describeException(params));
      } else if (event.method === 'Log.entryAdded') {
        const entry = (params.entry ?? {}) as Record<string, unknown>;
        if (entry.level === 'error') consoleErrors.push(describeLogEntry(entry));
      }
    });
    for (const domain of ['Network.enable', 'Runtime.enable', 'Log.enable', 'Page.enable']) await client.send(domain, {}, sessionId);
    await client.send('Emulation.setDeviceMetricsOverride', { width, height: 900, deviceScaleFactor: 1, mobile: false }, sessionId);
    const loaded = client.waitForEvent('Page.loadEventFired', sessionId, timeoutMs);
    const navigation = await client.send<{ errorText?: string }>('Page.navigate', { url: reportUrl }, sessionId);
    if (navigation.errorText) throw new Error(`Chromium could not open ${reportUrl}: ${navigation.errorText}`);
    await loaded;
    const settleMs = options.settleMs ?? 500;
    while (Date.now() - lastActivity < settleMs) await new Promise((done) => setTimeout(done, 100));

    const metrics = await client.send<{ cssContentSize?: { height: number } }>('Page.getLayoutMetrics', {}, sessionId);
    const height = Math.min(Math.ceil(metrics.cssContentSize?.height ?? 900), options.maximumScreenshotHeight ?? 8_000);
    const shot = await client.send<{ data: string }>(
      'Page.captureScreenshot',
      { format: 'png', captureBeyondViewport: true, clip: { x: 0, y: 0, width, height, scale: 1 } },
      sessionId,
    );
    const png = Buffer.from(shot.data, 'base64');
    await writeFile(screenshotPath, png);
    return { consoleErrors, networkRequests, screenshotBytes: png.length, distinctColours: countDistinctColours(decodePng(png)) };
  };

  try {
    return await Promise.race([check(), exitedEarly, deadline]);
  } finally {
    clearTimeout(timer);
    await stopBrowser(browser, client);
    client.close();
    // Chromium's helpers may still be flushing the profile for a moment after the browser exits.
    await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}
