// The report's only stylesheet, inlined so that the file works offline and alone. System fonts
// only: a font file would be a network request or a megabyte of base64.
export const reportStyles = `
:root { color-scheme: light; --text: #1f2328; --muted: #59636e; --border: #d0d7de; --page: #f6f8fa; --card: #fff;
  --good: #1a7f37; --good-bg: #dafbe1; --bad: #cf222e; --bad-bg: #ffebe9; --near: #9a6700; --near-bg: #fff8c5;
  --grey: #6e7781; --grey-bg: #eaeef2; --accent: #0969da; --fault: rgba(191, 135, 0, 0.16); }
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--text); font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
h1 { font-size: 20px; margin: 0; } h2 { font-size: 16px; margin: 0 0 10px; }
h3 { font-size: 13px; margin: 16px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
.page-header { background: #24292f; color: #fff; padding: 14px 32px; } .page-header .meta { color: #d0d7de; margin: 2px 0 0; font-size: 13px; }
main { max-width: 1180px; margin: 0 auto; padding: 16px 32px 48px; }
.panel { background: var(--card); border: 1px solid var(--border); border-radius: 8px; padding: 14px 18px; margin-bottom: 16px; }
.panel.alert { border-left: 6px solid var(--bad); } .panel.warn { border-left: 6px solid var(--near); }
.verdict { border-radius: 8px; padding: 14px 20px; margin-bottom: 16px; border: 2px solid var(--grey); background: var(--grey-bg); }
.verdict.good { border-color: var(--good); background: var(--good-bg); } .verdict.bad { border-color: var(--bad); background: var(--bad-bg); }
.verdict .headline { font-size: 22px; font-weight: 700; margin: 0 0 4px; } .verdict.good .headline { color: var(--good); } .verdict.bad .headline { color: var(--bad); }
.verdict p { margin: 0; }
.wide { overflow-x: auto; } .wide td, .wide th { white-space: nowrap; } .wide td:nth-child(n+3), .wide th:nth-child(n+3) { text-align: center; }
.good { color: var(--good); } .bad { color: var(--bad); } .near { color: var(--near); } .note { color: var(--muted); font-size: 12px; }
ul.figures { margin: 2px 0; padding-left: 18px; } ul.figures li.info { color: var(--muted); }
ul.failures > li { margin-bottom: 8px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--border); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: var(--page); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.badge { display: inline-block; border-radius: 2em; padding: 0 9px; font-size: 12px; font-weight: 600; text-transform: uppercase; white-space: nowrap; background: var(--grey-bg); color: var(--grey); }
.badge.passed { background: var(--good-bg); color: var(--good); } .badge.failed, .badge.ambiguous { background: var(--bad-bg); color: var(--bad); }
.badge.pending, .badge.undefined { background: var(--near-bg); color: var(--near); }
.scenario { background: var(--card); border: 1px solid var(--border); border-left: 6px solid var(--grey); border-radius: 8px; margin-bottom: 12px; }
.scenario.passed { border-left-color: var(--good); } .scenario.failed, .scenario.ambiguous { border-left-color: var(--bad); } .scenario.pending, .scenario.undefined { border-left-color: var(--near); }
.scenario > details > summary { cursor: pointer; padding: 10px 16px; display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; }
.scenario .title { font-weight: 600; } .scenario .duration { margin-left: auto; color: var(--muted); }
.scenario-body { padding: 0 18px 14px; border-top: 1px solid var(--border); }
ol.steps { list-style: none; padding: 0; margin: 6px 0; } ol.steps li { padding: 2px 0 2px 18px; position: relative; }
ol.steps li::before { content: ""; position: absolute; left: 3px; top: 9px; width: 8px; height: 8px; border-radius: 50%; background: var(--grey); }
ol.steps li.passed::before { background: var(--good); } ol.steps li.failed::before, ol.steps li.ambiguous::before { background: var(--bad); }
ol.steps li.pending::before, ol.steps li.undefined::before { background: var(--near); } ol.steps li.skipped { color: var(--muted); }
ol.steps b { color: #0550ae; } ol.steps table { width: auto; } ol.steps td { border: 1px solid var(--border); font-family: ui-monospace, monospace; }
pre { background: var(--page); border: 1px solid var(--border); border-radius: 6px; padding: 8px 10px; overflow: auto; max-height: 420px; white-space: pre-wrap; word-break: break-word; }
pre.error { background: var(--bad-bg); border-color: #ffcecb; color: #82071e; }
.problems { background: var(--near-bg); border: 1px solid #d4a72c; border-radius: 6px; padding: 6px 12px; margin: 8px 0; }
details.sub > summary { cursor: pointer; color: var(--accent); }
.chart-figure { margin: 10px 0 14px; } .chart-figure figcaption { font-weight: 600; }
svg.chart { width: 100%; height: auto; display: block; }
.chart .grid { stroke: #eaeef2; } .chart .axis-line { stroke: #8c959f; } .chart .tick { fill: var(--muted); font-size: 11px; } .chart .axis-label { fill: var(--text); font-size: 12px; }
.fault-window rect, .fault-swatch { fill: var(--fault); stroke: rgba(191, 135, 0, .55); stroke-dasharray: 3 2; } .fault-label { fill: #7d4e00; font-size: 11px; font-weight: 600; }
.request-ok { fill: var(--accent); fill-opacity: .7; } .request-failed { fill: var(--bad); fill-opacity: .85; }
.series-p50 { fill: none; stroke: #8250df; stroke-width: 2; } .series-p99 { fill: none; stroke: #8250df; stroke-width: 1.5; stroke-dasharray: 5 3; }
.phase-boundary { stroke: #8c959f; stroke-dasharray: 2 3; } .phase-label { fill: var(--muted); font-size: 10.5px; }
.journey-published, .journey-received, .journey-shipped { fill: var(--accent); } .journey-acked, .journey-duplicate-skipped { fill: var(--good); }
.journey-failed, .journey-nak, .journey-publish-failed, .journey-dead-lettered { fill: var(--bad); }
.breaker-closed { fill: #2da44e; } .breaker-half-open { fill: #d4a72c; } .breaker-open { fill: var(--bad); }
.envelope { fill: rgba(9, 105, 218, .35); } .envelope-tolerance { fill: rgba(9, 105, 218, .12); }
.gap-ok { fill: var(--good); stroke: #fff; } .gap-bad { fill: var(--bad); stroke: #fff; }
/* Three lightnesses (dark failed, mid acknowledged, light unknown) that stay apart in greyscale. */
.write-ok { fill: #2da44e; } .write-failed { fill: #82071e; } .write-unknown { fill: #d4a72c; }
.write-mark { stroke: var(--text); stroke-dasharray: 4 2; } .rto-span { stroke: var(--accent); stroke-width: 2.5; }
.write-mark-label { fill: var(--text); font-size: 11px; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12px; color: var(--muted); } .legend-item { display: inline-flex; align-items: center; gap: 5px; } .legend svg { width: 16px; height: 14px; }
footer { color: var(--muted); font-size: 12px; text-align: center; padding: 0 0 32px; }
`;
