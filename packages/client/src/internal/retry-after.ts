/** An HTTP-date starts with a day name in all three of RFC 9110's formats; Date.parse alone reads "1 2" as 2001. */
const HTTP_DATE = /^(mon|tue|wed|thu|fri|sat|sun)/i;

/** `Retry-After` as delta-seconds or an HTTP-date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = HTTP_DATE.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
