// The entry cucumber's `format` option names. Cucumber imports custom formatters with a plain
// import(), and whether the suite's own tsx registration (steps/support/register-tsx.mjs) has run
// by then depends on cucumber's loading order; so this entry registers a tsx of its own. It is
// namespaced: it compiles only what is imported through it and leaves the global loader alone.
import { register } from 'tsx/esm/api';

const tsx = register({ namespace: 'faultline-progress-formatter' });
const { default: progressFormatter } = await tsx.import('./progress-formatter.ts', import.meta.url);

export default progressFormatter;
