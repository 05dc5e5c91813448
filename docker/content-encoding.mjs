// @ts-check
// Content negotiation for static-server.mjs: which representation of a file answers a request's
// Accept-Encoding. The build (site/build-tools/precompress.ts) writes `x.br` and `x.gz` beside a
// file `x` when they are smaller; this module only decides, the server reads the files.

/** The codings the server can send besides identity, in its order of preference, with their file suffix. */
export const SIBLINGS = [
  { coding: 'br', suffix: '.br' },
  { coding: 'gzip', suffix: '.gz' },
];

/** The q of identity when the header names neither it nor `*`: below every q a header can write, above refusal. */
const UNLISTED_IDENTITY_Q = 0.0001;

const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * Parses an Accept-Encoding value into lower-case coding -> q (0 to 1). `x-gzip` counts as `gzip`
 * (RFC 9110 §8.4.1.3); an entry with a malformed q is dropped; the first entry for a coding wins.
 * @param {string} header
 * @returns {Map<string, number>}
 */
export function parseAcceptEncoding(header) {
  /** @type {Map<string, number>} */
  const accepted = new Map();
  for (const entry of header.split(',')) {
    const [name = '', ...params] = entry.split(';').map((part) => part.trim());
    if (!name) continue;
    let q = 1;
    let valid = true;
    for (const param of params) {
      const [key = '', value = ''] = param.split('=').map((part) => part.trim());
      if (key.toLowerCase() !== 'q') continue;
      valid = QVALUE.test(value);
      q = Number(value);
    }
    const coding = name.toLowerCase() === 'x-gzip' ? 'gzip' : name.toLowerCase();
    if (valid && !accepted.has(coding)) accepted.set(coding, q);
  }
  return accepted;
}

/**
 * The coding to send for a file: 'br', 'gzip' or 'identity' (the file itself), or null when the
 * request refuses every one of them (identity;q=0 or *;q=0 and nothing else acceptable).
 * `available` lists the codings that have a sibling file. Rules of RFC 9110 §12.5.3: the highest
 * q wins; on a tie the server's order decides (br, then gzip, then identity); `*` stands for
 * every coding not named, identity included; identity is acceptable unless refused by name or by
 * `*;q=0`, and ranks below every named coding when neither it nor `*` is named. No header means identity:
 * a client that sends none (curl without --compressed) expects the bytes of the file.
 * @param {string | undefined} header the request's Accept-Encoding
 * @param {readonly string[]} available codings with a sibling, e.g. ['br', 'gzip']
 * @returns {'br' | 'gzip' | 'identity' | null}
 */
export function chooseEncoding(header, available) {
  if (header === undefined) return 'identity';
  const accepted = parseAcceptEncoding(header);
  const star = accepted.get('*');
  /** @type {{ coding: 'br' | 'gzip' | 'identity', q: number }[]} */
  const candidates = [];
  for (const { coding } of SIBLINGS) {
    if (!available.includes(coding)) continue;
    const q = accepted.get(coding) ?? star ?? 0;
    candidates.push({ coding: /** @type {'br' | 'gzip'} */ (coding), q });
  }
  candidates.push({ coding: 'identity', q: accepted.get('identity') ?? star ?? UNLISTED_IDENTITY_Q });
  let best = null;
  // Candidates are in the server's order, so a strict > keeps the preferred one on a tie.
  for (const candidate of candidates) if (candidate.q > 0 && (!best || candidate.q > best.q)) best = candidate;
  return best ? best.coding : null;
}

/**
 * True when `file` is a precompressed sibling (`x.js.br` beside `x.js`): such a file is never
 * served under its own URL. `isFile` is asked about the path without the suffix.
 * @param {string} file
 * @param {(path: string) => Promise<boolean>} isFile
 * @returns {Promise<boolean>}
 */
export async function isSibling(file, isFile) {
  const sibling = SIBLINGS.find(({ suffix }) => file.endsWith(suffix));
  return sibling ? isFile(file.slice(0, -sibling.suffix.length)) : false;
}
