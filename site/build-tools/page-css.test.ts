import { describe, expect, it } from 'vitest';
import { blockingStylesheets, inlineCssBytes, linkedStylesheets } from './page-css.ts';

describe('blockingStylesheets', () => {
  it('counts head links that apply at once, not deferred, print-only or noscript ones, nor links in the body', () => {
    const html =
      '<html><head><link rel="stylesheet" href="/a.css"><link rel=stylesheet href=/b.css media="all">' +
      '<link rel="stylesheet" href="/c.css" media="print" onload="this.media=\'all\'">' +
      '<noscript><link rel="stylesheet" href="/c.css"></noscript><link rel="preload" href="/d.css" as="style"></head>' +
      '<body><link rel="stylesheet" href="/e.css"></body></html>';
    expect(blockingStylesheets(html)).toEqual(['/a.css', '/b.css']);
  });
});

describe('inlineCssBytes and linkedStylesheets', () => {
  it('counts the UTF-8 bytes inside every <style>, and lists links with their media, skipping <noscript>', () => {
    const html =
      '<head><style>a{color:red}</style><style media="screen">.note::after{content:"–"}</style>' +
      '<link href=/a.css rel=stylesheet media=print><noscript><link rel="stylesheet" href="/a.css"></noscript></head>';
    expect(inlineCssBytes(html)).toBe('a{color:red}'.length + Buffer.byteLength('.note::after{content:"–"}'));
    expect(linkedStylesheets(html)).toEqual([{ href: '/a.css', media: 'print' }]);
  });
});
