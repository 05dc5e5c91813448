// Small DOM helpers shared by the interactive components.

/** The element under `root` that a component's markup must contain; throws naming the component if absent. */
export function required<T extends Element>(root: Element, selector: string, component: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`${component}: missing ${selector} in its markup.`);
  return element;
}
