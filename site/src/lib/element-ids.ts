const counters = new Map<string, number>();

/** A page-unique element id like "sweep-3" (unique within one build, stable between builds). */
export function nextElementId(prefix: string): string {
  const next = (counters.get(prefix) ?? 0) + 1;
  counters.set(prefix, next);
  return `${prefix}-${next}`;
}
