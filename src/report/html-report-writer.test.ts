import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Envelope } from '@cucumber/messages';
import { renderHtmlReport } from './html-report-writer.js';
import { mutantRun } from './mutant-run.js';
import { ReportCollector } from './report-collector.js';
import { hostileText, leakedSecrets, syntheticEnvelopes } from '../../test/fixtures/synthetic-messages.js';

function html(envelopes: readonly Envelope[] = syntheticEnvelopes()): string {
  const collector = new ReportCollector();
  for (const envelope of envelopes) collector.add(envelope);
  const report = collector.build();
  return renderHtmlReport({ ...report, mutants: mutantRun(report, []) });
}

/** Every start tag with its attributes, text content left out. */
function tags(page: string): { name: string; attributes: [string, string][] }[] {
  return [...page.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)].map((match) => ({
    name: (match[1] ?? '').toLowerCase(),
    attributes: [...(match[2] ?? '').matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map((attribute) => [(attribute[1] ?? '').toLowerCase(), attribute[2] ?? '']),
  }));
}

const allowedTags = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'main', 'footer', 'section', 'article', 'details', 'summary', 'div', 'span', 'p', 'h1', 'h2', 'h3',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ol', 'ul', 'li', 'pre', 'code', 'b', 'em', 'a', 'figure', 'figcaption',
  'svg', 'g', 'rect', 'circle', 'line', 'polyline', 'text',
]);

describe('the HTML report', () => {
  const page = html();

  it('is one self-contained document that cannot load anything', () => {
    assert.match(page, /^<!doctype html>/);
    assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
    for (const tag of tags(page)) {
      assert.ok(allowedTags.has(tag.name), `unexpected <${tag.name}>`);
      for (const [name, value] of tag.attributes) {
        assert.ok(!/^(src|srcset|action|formaction|poster|data|background|xlink:href|ping|on.*)$/.test(name), `<${tag.name} ${name}="${value}">`);
        if (name === 'href') assert.match(value, /^#[\w-]+$/, `<${tag.name} href="${value}"> is not an in-page link`);
        assert.ok(!/https?:|\/\/|url\(/i.test(value), `<${tag.name} ${name}="${value}"> references a resource`);
      }
    }
    const style = page.slice(page.indexOf('<style>'), page.indexOf('</style>'));
    assert.ok(!/@import|url\(|https?:/i.test(style), 'the stylesheet references a resource');
  });

  it('mentions network addresses only as escaped text (a URL in a container log)', () => {
    const markupOnly = page.replace(/>[^<]*</g, '><');
    assert.ok(!/https?:\/\//.test(markupOnly), 'a URL appears in markup');
    const mentions = [...page.matchAll(/https?:\/\/[^\s<"&]*/g)].map((match) => match[0]);
    assert.deepEqual(mentions, ['http://payment-gateway:8080/charges']);
  });

  it('escapes every piece of user text', () => {
    assert.ok(!page.includes(hostileText));
    assert.ok(!page.includes('<script'));
    assert.ok(!page.includes('<b>bold'));
    assert.ok(page.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
    assert.ok(page.includes('Failover keeps every acknowledged write &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;'));
    assert.ok(page.includes('Disaster recovery &lt;primary &amp; standby&gt;'));
  });

  it('contains no secret', () => {
    for (const secret of Object.values(leakedSecrets)) assert.ok(!page.includes(secret), secret);
    assert.ok(page.includes('[redacted]'));
  });

  it('answers first: the verdict, failures, then by pattern and by dependency, with the formula of the score', () => {
    const order = ['class="verdict bad"', '<h2>Failures (2)</h2>', '<h2>By pattern', '<h2>By dependency', '<h2>Recovery', '<h2>Mutation checks</h2>', '<h2>How the score is computed</h2>', '<h2>Scenarios</h2>'];
    const positions = order.map((text) => page.indexOf(text));
    assert.ok(positions.every((position, index) => position > (positions[index - 1] ?? 0)), `out of order: ${JSON.stringify(positions)}`);
    assert.match(page, /<p class="headline">Not resilient: 1 of 2 patterns failed under faults \(timeouts\)<\/p>/);
    assert.match(page, /Score <b>75 %<\/b>/);
    assert.match(page, /<li class="bad">✗ time to fail the order: 1\.48 s, 980 ms over the 500 ms bound and beyond its 50 ms tolerance/);
    assert.match(page, /<code>features\/link-down\.feature:3<\/code>/);
    assert.match(page, /<td>timeouts<\/td><td><span class="bad">1 of 2 passed<\/span><\/td><td class="num">50 %<\/td><td class="num">50 %<\/td>/);
    assert.match(page, /<td>auth<\/td><td><span class="note">not tested<\/span>/);
    assert.match(page, /<td>payment<\/td><td><span class="bad">1 of 2 passed<\/span><\/td><td><span class="note">—<\/span><\/td><td><span class="bad">0\/1<\/span><\/td><td><span class="good">1\/1<\/span><\/td>/);
    assert.match(page, /mean of the patterns&#39; scores/);
    assert.match(page, /<td>replication is asynchronous<\/td><td><span class="bad">survived<\/span>/);
  });

  it('shows each scenario with its verdict colour, spec sentences, faults and figures in plain words', () => {
    assert.equal(page.match(/<article class="scenario /g)?.length, 4);
    assert.match(page, /<article class="scenario failed" id="scenario-pickle-\d+">/);
    assert.match(page, /<li class="failed"><b>Then<\/b> the order fails with 503 or 504 within 500ms/);
    assert.match(page, /<td>the payment link is down<\/td><td><code>link-down<\/code><\/td><td>payment<\/td>/);
    assert.match(page, /<li class="good">✓ added p50 order latency: 201 ms \(expected 200 ms\)<\/li>/);
    assert.match(page, /<li class="good">✓ orders that succeeded: 20 of 20 requests<\/li>/);
  });

  it('draws charts with axes, units and the fault window inside the plot', () => {
    assert.equal(page.match(/<figcaption>Latency over time<\/figcaption>/g)?.length, 2);
    assert.match(page, />latency \(ms\)<\/text>/);
    assert.match(page, />time \(s\) since 09:30:02\.000Z<\/text>/);
    assert.match(page, /<figcaption>Circuit breaker state<\/figcaption>/);
    assert.match(page, /<figcaption>Gaps between attempts vs the backoff envelope<\/figcaption>/);
    const windows = [...page.matchAll(/<g class="fault-window">.*?<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)];
    assert.ok(windows.length >= 3);
    for (const [, x, width] of windows) {
      assert.ok(Number(x) >= 112 && Number(x) + Number(width) <= 744.5, `fault window x=${x} width=${width} is outside the plot area`);
    }
    // The latency fault lasted 5.2 s of a ~6.4 s chart: its band covers most of the plot.
    assert.ok(Number(windows[0]?.[2]) > 500, `the latency fault band is only ${windows[0]?.[2]} wide`);
  });

  it('shows RTO/RPO, fuzz seeds with their replay command, and diagnostics collapsed', () => {
    assert.match(page, /<li class="good">✓ RTO 3\.21 s \(bound 10 s\)<\/li>/);
    assert.match(page, /counterexample \{&quot;customerId&quot;:&quot;&quot;,&quot;items&quot;:\[\]\} \(path 14:2:0\); replay: npx faultline run --seed -99 --path 14:2:0 features\/link-down\.feature:12/);
    assert.match(page, /<details class="sub"><summary>Container log: order-service \(last 3 lines\)<\/summary><pre>/);
    assert.match(page, /<summary>Toxiproxy state at failure<\/summary>/);
  });

  it('charts a failover\'s writes over time with its marks and RTO, says the primaries and HA settings, and sums up the run\'s failovers', () => {
    assert.match(page, /<figcaption>Writes during the failover, by the outcome the client saw<\/figcaption>/);
    assert.match(page, />time \(s\) from the fault<\/text>/);
    assert.match(page, />writes per 100 ms<\/text>/);
    for (const label of ['pg-0 killed', 'pg-1 promoted', 'pg-0 rejoined', 'RTO 3.21 s']) assert.match(page, new RegExp(`class="write-mark-label"[^>]*>${label}</text>`));
    assert.match(page, /acknowledged \(412\)<\/span>.*failed \(9\)<\/span>.*unknown: timeout, reset or 5xx \(2\)<\/span>/);
    assert.match(page, /<title>\+1\.000 s to \+1\.100 s: 0 acknowledged, 0 failed, 2 unknown<\/title><rect class="write-unknown"/);
    assert.match(page, /kill \(Patroni\): primary pg-0 → pg-1; demoted 0 ms after the fault, promoted 3\.05 s after the fault/);
    assert.match(page, /<p class="note">Measured with Patroni:<\/p><table><thead><tr><th>ttl<\/th><th>loop_wait<\/th>.*?<td>10 s<\/td><td>2 s<\/td>/);
    assert.match(page, /<h2>Failovers \(1\): 0 acknowledged writes lost, 0 split-brain writes<\/h2>/);
    assert.match(page, /<td>kill<\/td><td>patroni<\/td><td class="num">1<\/td><td class="num">3\.21 s<\/td>/);
  });

  it('draws the dependency × fault kind matrix, a column per fault kind injected', () => {
    assert.match(page, /<th>Dependency<\/th><th>All its faults<\/th><th>kill-primary<\/th><th>link-down<\/th><th>toxic:latency<\/th>/);
    assert.match(page, /<td>db-primary<\/td><td><span class="good">1 of 1 passed<\/span><\/td><td><span class="good">1\/1<\/span><\/td><td><span class="note">—<\/span><\/td>/);
  });

  it('renders a run without scenarios', () => {
    const empty = html([{ testRunStarted: { timestamp: { seconds: 1, nanos: 0 } } }, { testRunFinished: { success: true, timestamp: { seconds: 2, nanos: 0 } } }]);
    assert.match(empty, /The run held no scenarios/);
    assert.match(empty, /No verdict: no scenario injected a fault/);
  });
});
