import { FaultlineError } from '../errors.js';

/** Parses "503, 503, 200" into statuses. */
export function parseStatusList(text: string): number[] {
  const statuses = text.split(',').map((part) => part.trim());
  for (const status of statuses) {
    if (!/^[2-5]\d\d$/.test(status)) {
      throw new FaultlineError('FL_BAD_CONFIG', `"${status}" in "${text}" is not an HTTP status from 200 to 599; write a list such as "503, 503, 200"`);
    }
  }
  return statuses.map(Number);
}
