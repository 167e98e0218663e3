// Cucumber's timestamps and durations in the report's milliseconds.
import { TimeConversion, type Duration, type Timestamp } from '@cucumber/messages';

/** Whole milliseconds since the epoch: the report's clock resolution. */
export function timestampToEpochMs(timestamp: Timestamp): number {
  return Math.round(TimeConversion.timestampToMillisecondsSinceEpoch(timestamp));
}

/** Milliseconds, with the fraction (steps often take less than one). */
export function durationToMs(duration: Duration): number {
  return TimeConversion.durationToMilliseconds(duration);
}
