/**
 * The one source of "now". Use cases receive it injected, so tests can move time and every
 * timestamp a request writes (validFrom, createdAt, status changes) comes from the same clock.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** An XML Schema dateTimeStamp without milliseconds, as credentials carry their dates. */
export function toDateTimeStamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
