const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A whole number with thousands separators: 65536 -> "65,536". */
export function formatCount(value: number): string {
  return counts.format(value);
}

/** Nanoseconds with two or three significant digits: 0.0123 -> "0.012", 0.5 -> "0.50", 3.456 -> "3.46", 1234.5 -> "1,235". */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) throw new RangeError(`Cannot format a non-finite time: ${ns}`);
  if (ns >= 100) return counts.format(Math.round(ns));
  if (ns >= 10) return ns.toFixed(1);
  if (ns >= 1) return ns.toFixed(2);
  return ns.toPrecision(2);
}

/** A speed ratio: 3.04 -> "3.0×", 42.4 -> "42×". */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) throw new RangeError(`Cannot format a non-finite ratio: ${ratio}`);
  return `${ratio >= 10 ? Math.round(ratio).toString() : ratio.toFixed(1)}×`;
}
