import { defineParameterType } from '@cucumber/cucumber';
import { parseToxicType } from '../../src/faults/toxic-attributes.js';
import { parseRate } from '../../src/faults/packet-impairment.js';
import { parseDuration } from '../../src/units/duration.js';
import { parsePercent } from '../../src/units/percent.js';
import { parseAnswer, parseSelection } from '../../src/faults/scripted-answer-phrase.js';

defineParameterType({ name: 'duration', regexp: /\d+(?:\.\d+)?(?:ms|s|m)\b/, transformer: parseDuration });
defineParameterType({ name: 'percent', regexp: /\d+(?:\.\d+)?%/, transformer: parsePercent });
defineParameterType({ name: 'percentile', regexp: /p\(\d+(?:\.\d+)?\)/, transformer: (text: string) => Number(text.slice(2, -1)) });
defineParameterType({ name: 'status', regexp: /[1-5]\d\d/, transformer: Number });
// Link names are checked against the running topology when the step runs, with the known names in the error.
defineParameterType({ name: 'link', regexp: /[a-z][a-z0-9-]*/, transformer: (text: string) => text, useForSnippets: false });
defineParameterType({ name: 'toxic', regexp: /[a-z_]+/, transformer: parseToxicType, useForSnippets: false });
defineParameterType({ name: 'stream', regexp: /upstream|downstream/, transformer: (text: string) => text as 'upstream' | 'downstream', useForSnippets: false });
// A service of the configuration, written with spaces or dashes ("order service", "payment gateway");
// checked against the running stack when the step runs, with the known names in the error.
defineParameterType({ name: 'service', regexp: /[a-z][a-z0-9]*(?:[ -][a-z0-9]+){0,3}/, transformer: (text: string) => text.replace(/ /g, '-'), useForSnippets: false });
// Scripted answers of a scriptable upstream (src/faults/scripted-answer-phrase.ts): a route
// ("POST /reservations"), an answer ("503 and Retry-After 1s", "a delay of 2s") and which requests.
defineParameterType({ name: 'route', regexp: /(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) \/[^\s?#]*/, transformer: (text: string) => text, useForSnippets: false });
defineParameterType({ name: 'answer', regexp: /[1-5]\d\d(?: and Retry-After \d+(?:\.\d+)?(?:ms|s|m))?|a delay of \d+(?:\.\d+)?(?:ms|s|m)|a truncated body|headers trickled over \d+(?:\.\d+)?(?:ms|s|m)/, transformer: parseAnswer, useForSnippets: false });
defineParameterType({ name: 'selection', regexp: /for the next request|for the next \d+ requests|(?:for|on) the \d+(?:st|nd|rd|th) request|for every request|for \d+(?:\.\d+)?% of requests/, transformer: (text: string) => parseSelection(text), useForSnippets: false });
// Packet faults: "packets" (sent and received), "packets it sends", "packets it receives"; a rate such as 100kbit/s.
defineParameterType({ name: 'packets', regexp: /packets(?: it sends| it receives)?/, transformer: (text: string) => (text.endsWith('sends') ? 'egress' : text.endsWith('receives') ? 'ingress' : 'both'), useForSnippets: false });
// Disaster recovery: how the primary replicates to its standby.
defineParameterType({ name: 'replication', regexp: /synchronous|asynchronous/, transformer: (text: string) => (text === 'synchronous' ? 'sync' : 'async'), useForSnippets: false });
// How many a count must be: "at 3" or "from 2 to 4" (both ends included).
defineParameterType({ name: 'range', regexp: /at \d+|from \d+ to \d+/, transformer: (text: string) => { const [min, max = min] = (text.match(/\d+/g) ?? []).map(Number); return { min: min!, max: max! }; }, useForSnippets: false });
defineParameterType({ name: 'rate', regexp: /\d+(?:\.\d+)?(?:kbit|mbit|gbit)\/s/, transformer: parseRate, useForSnippets: false });
