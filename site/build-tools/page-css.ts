// What CSS a built page makes its first paint wait for, read from its HTML: the rules inline in
// <style> elements and the stylesheets linked so that they block. Used by the build's critical-CSS
// step to report what it did, and by test/images/page-weight.ts to weigh a page as served.

const STYLE_PATTERN = /<style\b[^>]*>([\s\S]*?)<\/style>/g;
const LINK_PATTERN = /<link\b[^>]*\brel=["']?stylesheet\b[^>]*>/g;
const NOSCRIPT_PATTERN = /<noscript>[\s\S]*?<\/noscript>/g;

/** Bytes (UTF-8) of the CSS inside the <style> elements of `html`. */
export function inlineCssBytes(html: string): number {
  return [...html.matchAll(STYLE_PATTERN)].reduce((sum, match) => sum + Buffer.byteLength(match[1] ?? ''), 0);
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`)
    .exec(tag)
    ?.slice(1)
    .find((value) => value !== undefined);
}

/** Every stylesheet `html` links (outside <noscript>), in document order, with its media attribute. */
export function linkedStylesheets(html: string): { href: string; media: string | undefined }[] {
  return [...html.replace(NOSCRIPT_PATTERN, '').matchAll(LINK_PATTERN)].map(([tag]) => ({
    href: attribute(tag, 'href') ?? '',
    media: attribute(tag, 'media'),
  }));
}

/**
 * The hrefs of the stylesheets that block the first paint of `html`: linked in <head>, outside
 * <noscript>, with no media attribute or one that applies on a screen at once (a deferred sheet
 * waits as media="print" until it has loaded).
 */
export function blockingStylesheets(html: string): string[] {
  const headEnd = html.search(/<\/head>/i);
  const head = headEnd < 0 ? html : html.slice(0, headEnd);
  return linkedStylesheets(head)
    .filter(({ media }) => media === undefined || media === 'all' || media === 'screen')
    .map(({ href }) => href);
}
