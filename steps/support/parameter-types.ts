import { defineParameterType } from '@cucumber/cucumber';
import { parseToxicType } from '../../src/faults/toxic-attributes.js';
import { parseDuration } from '../../src/probes/duration.js';
import { parsePercent } from '../../src/probes/percent.js';

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
