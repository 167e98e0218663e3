// The report's only stylesheet, inlined so that the file works offline and alone. System fonts
// only: a font file would be a network request or a megabyte of base64.
export const reportStyles = `
:root {
  color-scheme: light;
  --text: #1f2328; --muted: #59636e; --border: #d0d7de; --page: #f6f8fa; --card: #ffffff;
  --passed: #1a7f37; --passed-bg: #dafbe1; --failed: #cf222e; --failed-bg: #ffebe9;
  --skipped: #6e7781; --skipped-bg: #eaeef2; --pending: #9a6700; --pending-bg: #fff8c5;
  --accent: #0969da; --fault: rgba(191, 135, 0, 0.16); --fault-text: #7d4e00;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--text);
  font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
h1 { font-size: 22px; margin: 0; }
h2 { font-size: 17px; margin: 0 0 12px; }
h3 { font-size: 14px; margin: 18px 0 8px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.page-header { background: #24292f; color: #fff; padding: 20px 32px; }
.page-header .meta { color: #d0d7de; margin: 4px 0 0; font-size: 13px; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 32px 48px; }
.panel { background: var(--card); border: 1px solid var(--border); border-radius: 8px; padding: 18px 20px; margin-bottom: 20px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 12px; margin-bottom: 14px; }
.card { border: 1px solid var(--border); border-radius: 8px; padding: 10px 14px; background: var(--card); }
.card .value { font-size: 24px; font-weight: 600; line-height: 1.2; }
.card .label { color: var(--muted); font-size: 12px; }
.card.score { border-width: 2px; }
.card.good { border-color: var(--passed); } .card.good .value { color: var(--passed); }
.card.bad { border-color: var(--failed); } .card.bad .value { color: var(--failed); }
.formula { color: var(--muted); font-size: 12.5px; margin: 8px 0 0; }
.verdict-bar { width: 100%; height: 14px; display: block; border-radius: 4px; }
.fill-passed { fill: var(--passed); } .fill-failed, .fill-ambiguous { fill: var(--failed); }
.fill-pending, .fill-undefined { fill: #d4a72c; } .fill-skipped, .fill-unknown { fill: #afb8c1; }
.index-figures { margin: 0; padding-left: 16px; font-size: 12.5px; }
.index-figures .not-ok, .index-figures .ok { font-weight: normal; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--border); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: var(--page); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.matrix td { text-align: center; }
.matrix td.all-passed { background: var(--passed-bg); color: var(--passed); font-weight: 600; }
.matrix td.some-failed { background: var(--failed-bg); color: var(--failed); font-weight: 600; }
.matrix td.uncovered { color: var(--skipped); }
.badge { display: inline-block; border-radius: 2em; padding: 1px 10px; font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; white-space: nowrap; }
.badge.passed { background: var(--passed-bg); color: var(--passed); }
.badge.failed, .badge.ambiguous { background: var(--failed-bg); color: var(--failed); }
.badge.skipped, .badge.unknown { background: var(--skipped-bg); color: var(--skipped); }
.badge.pending, .badge.undefined { background: var(--pending-bg); color: var(--pending); }
.scenario { background: var(--card); border: 1px solid var(--border); border-left: 6px solid var(--skipped); border-radius: 8px; margin-bottom: 16px; }
.scenario.passed { border-left-color: var(--passed); }
.scenario.failed, .scenario.ambiguous { border-left-color: var(--failed); }
.scenario.pending, .scenario.undefined { border-left-color: var(--pending); }
.scenario > details > summary { cursor: pointer; padding: 14px 18px; list-style: none; display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; }
.scenario > details > summary::-webkit-details-marker { display: none; }
.scenario > details > summary::before { content: "▸"; color: var(--muted); }
.scenario > details[open] > summary::before { content: "▾"; }
.scenario .title { font-weight: 600; font-size: 15px; }
.scenario .feature-name { color: var(--muted); }
.scenario .duration { margin-left: auto; color: var(--muted); font-variant-numeric: tabular-nums; }
.scenario-body { padding: 0 20px 18px; border-top: 1px solid var(--border); }
.tags { display: inline-flex; gap: 6px; }
.tag { color: var(--accent); font-size: 12px; }
ol.steps { list-style: none; padding: 0; margin: 8px 0; }
ol.steps li { padding: 3px 0 3px 20px; position: relative; }
ol.steps li::before { content: ""; position: absolute; left: 4px; top: 10px; width: 8px; height: 8px; border-radius: 50%; background: var(--skipped); }
ol.steps li.passed::before { background: var(--passed); }
ol.steps li.failed::before, ol.steps li.ambiguous::before { background: var(--failed); }
ol.steps li.pending::before, ol.steps li.undefined::before { background: var(--pending); }
ol.steps li.skipped, ol.steps li.unknown { color: var(--muted); }
ol.steps .keyword { font-weight: 600; color: #0550ae; }
ol.steps .hook { font-style: italic; color: var(--muted); }
ol.steps .step-duration { color: var(--muted); font-size: 12px; margin-left: 6px; }
ol.steps table { width: auto; margin: 4px 0; }
ol.steps td { padding: 2px 10px; border: 1px solid var(--border); font-family: ui-monospace, monospace; font-size: 12.5px; }
pre { background: var(--page); border: 1px solid var(--border); border-radius: 6px; padding: 10px 12px; overflow: auto; max-height: 420px; white-space: pre-wrap; word-break: break-word; margin: 6px 0; }
pre.error { background: var(--failed-bg); border-color: #ffcecb; color: #82071e; }
.ok { color: var(--passed); font-weight: 600; }
.measurement-detail { color: var(--muted); font-size: 12px; margin-top: 2px; }
.not-ok { color: var(--failed); font-weight: 600; }
.problems { background: var(--pending-bg); border: 1px solid #d4a72c; border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.problems ul { margin: 4px 0; padding-left: 20px; }
details.sub { margin: 6px 0; }
details.sub > summary { cursor: pointer; color: var(--accent); }
.chart-figure { margin: 12px 0 16px; }
.chart-figure figcaption { font-weight: 600; margin-bottom: 4px; }
svg.chart { width: 100%; height: auto; display: block; background: var(--card); }
.chart .grid { stroke: #eaeef2; stroke-width: 1; }
.chart .axis-line { stroke: #8c959f; stroke-width: 1; }
.chart .tick { fill: var(--muted); font-size: 11px; }
.chart .axis-label { fill: var(--text); font-size: 12px; }
.fault-window rect, .fault-swatch { fill: var(--fault); stroke: rgba(191, 135, 0, 0.55); stroke-dasharray: 3 2; }
.fault-label { fill: var(--fault-text); font-size: 11px; font-weight: 600; }
.request-ok { fill: var(--accent); fill-opacity: .7; }
.request-failed { fill: var(--failed); fill-opacity: .85; }
.flight { stroke-width: 1.5; stroke-opacity: .35; }
.flight.request-ok { stroke: var(--accent); } .flight.request-failed { stroke: var(--failed); }
.series-p50 { fill: none; stroke: #8250df; stroke-width: 2; }
.series-p99 { fill: none; stroke: #8250df; stroke-width: 1.5; stroke-dasharray: 5 3; }
.bucket-errors { fill: #fff; stroke: var(--failed); stroke-width: 2; }
.phase-boundary { stroke: #8c959f; stroke-dasharray: 2 3; }
.phase-label { fill: var(--muted); font-size: 10.5px; }
.breaker-closed { fill: #2da44e; } .breaker-half-open { fill: #d4a72c; } .breaker-open { fill: var(--failed); }
.journey-published, .journey-received, .journey-shipped { fill: #0969da; } .journey-acked, .journey-duplicate-skipped { fill: #2da44e; }
.journey-failed, .journey-nak, .journey-publish-failed, .journey-dead-lettered { fill: var(--failed); }
.breaker-transition { stroke: #57606a; stroke-width: 1; stroke-dasharray: 2 2; }
.envelope { fill: rgba(9, 105, 218, .35); } .envelope-tolerance { fill: rgba(9, 105, 218, .12); }
.gap-ok { fill: var(--passed); stroke: #fff; stroke-width: 1.5; } .gap-bad { fill: var(--failed); stroke: #fff; stroke-width: 1.5; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12px; color: var(--muted); margin-top: 4px; }
.legend-item { display: inline-flex; align-items: center; gap: 5px; }
.legend svg.swatch { width: 16px; height: 14px; }
.legend .dashed { stroke-dasharray: 4 2; }
.chart-note { color: var(--muted); font-size: 12px; margin: 2px 0 0; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 10px; }
.replay { user-select: all; }
footer { color: var(--muted); font-size: 12px; text-align: center; padding: 0 0 32px; }
@media print { .page-header { background: none; color: var(--text); } .scenario { break-inside: avoid; } }
`;
