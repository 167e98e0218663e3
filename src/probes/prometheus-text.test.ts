import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metricValue, parsePrometheusText } from './prometheus-text.js';

const scrape = `# HELP payment_breaker_state 0 closed, 1 open, 2 half-open
# TYPE payment_breaker_state gauge
payment_breaker_state 1
payment_breaker_transitions_total{state="open"} 2
payment_breaker_transitions_total{state="half_open"} 1
payment_breaker_transitions_total{state="closed"} 1
http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/orders",status_code="201"} 20
http_request_duration_seconds_count{method="POST",route="/orders",status_code="503"} 3
odd{path="a\\"b,c",x="y"} 1.5e3 1700000000000
`;

test('reads gauges, labelled counters and histogram series', () => {
  const samples = parsePrometheusText(scrape);
  assert.equal(metricValue(samples, 'payment_breaker_state'), 1);
  assert.equal(metricValue(samples, 'payment_breaker_transitions_total', { state: 'open' }), 2);
  assert.equal(metricValue(samples, 'payment_breaker_transitions_total'), 4);
  assert.equal(metricValue(samples, 'http_request_duration_seconds_bucket', { le: '+Inf' }), 20);
  assert.equal(metricValue(samples, 'missing_total'), 0);
});

test('escaped label values, exponents and timestamps', () => {
  const [sample] = parsePrometheusText('odd{path="a\\"b,c",x="y"} 1.5e3 1700000000000');
  assert.deepEqual(sample, { name: 'odd', labels: { path: 'a"b,c', x: 'y' }, value: 1500 });
});

test('malformed lines are reported with their number', () => {
  assert.throws(() => parsePrometheusText('ok 1\nnot a sample line at all'), /line 2 is not a Prometheus sample/);
  assert.throws(() => parsePrometheusText('x{a=b} 1'), /line 1 has malformed labels/);
});
