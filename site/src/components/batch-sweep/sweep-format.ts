const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A whole number with thousands separators: 65536 -> "65,536". */
export function formatCount(value: number): string {
  return counts.format(value);
}

/** Nanoseconds with about three significant digits: 0.0123 -> "0.012", 3.456 -> "3.46", 1234.5 -> "1,235". */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) throw new RangeError(`Cannot format a non-finite time: ${ns}`);
  if (ns >= 100) return counts.format(Math.round(ns));
  if (ns >= 10) return ns.toFixed(1);
  if (ns >= 1) return ns.toFixed(2);
  return String(Number(ns.toPrecision(2)));
}

/** A speed ratio: 3.04 -> "3.0×", 42.4 -> "42×". */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) throw new RangeError(`Cannot format a non-finite ratio: ${ratio}`);
  return `${ratio >= 10 ? Math.round(ratio).toString() : ratio.toFixed(1)}×`;
}

/** A measurement time for people, e.g. "21 Nov 2026, 14:35", in the reader's time zone unless given. */
export function formatMeasuredAt(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${iso}`);
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}
