import type { languages } from 'monaco-editor/editor/editor.api';

/** Editing behaviour of TOML in Monaco: comments, brackets, auto-closed quotes. */
export const tomlConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [
    ['[', ']'],
    ['{', '}'],
  ],
  autoClosingPairs: [
    { open: '[', close: ']' },
    { open: '{', close: '}' },
    { open: '"', close: '"', notIn: ['string'] },
    { open: "'", close: "'", notIn: ['string'] },
  ],
  surroundingPairs: [
    { open: '[', close: ']' },
    { open: '{', close: '}' },
    { open: '"', close: '"' },
    { open: "'", close: "'" },
  ],
};

/**
 * A small Monarch grammar for TOML (Cargo.toml): comments, [table] and [[array]] headers, bare and
 * quoted keys, the four string forms, booleans, dates, and integers and floats in every base.
 */
export const tomlLanguage: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.toml',
  brackets: [
    { open: '[', close: ']', token: 'delimiter.square' },
    { open: '{', close: '}', token: 'delimiter.curly' },
  ],
  tokenizer: {
    root: [
      [/#.*$/, 'comment'],
      [/^\s*\[\[\s*[\w.\-"' ]+\s*\]\]/, 'type'],
      [/^\s*\[\s*[\w.\-"' ]+\s*\]/, 'type'],
      [/[A-Za-z0-9_-]+(?=\s*[.=])/, 'key'],
      [/"(?:[^"\\]|\\.)*"(?=\s*[.=])/, 'key'],
      [/'[^']*'(?=\s*[.=])/, 'key'],
      [/"""/, 'string', '@multiLineBasic'],
      [/'''/, 'string', '@multiLineLiteral'],
      [/"/, 'string', '@basic'],
      [/'[^']*'/, 'string'],
      [/\b(?:true|false)\b/, 'keyword'],
      [/\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:[Zz]|[+-]\d{2}:\d{2})?/, 'number'],
      [/\d{2}:\d{2}:\d{2}(?:\.\d+)?/, 'number'],
      [/[+-]?0x[0-9A-Fa-f_]+/, 'number.hex'],
      [/[+-]?0o[0-7_]+/, 'number.octal'],
      [/[+-]?0b[01_]+/, 'number.binary'],
      [/[+-]?(?:inf|nan)\b/, 'number.float'],
      [/[+-]?\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d[\d_]*)?/, 'number'],
      [/[{}[\]]/, '@brackets'],
      [/[=,.]/, 'delimiter'],
      [/\s+/, 'white'],
    ],
    basic: [
      [/[^"\\]+/, 'string'],
      [/\\(?:[btnfr"\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/"/, 'string', '@pop'],
    ],
    multiLineBasic: [
      [/[^"\\]+/, 'string'],
      [/\\(?:[btnfr"\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|\s*$)/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/"""/, 'string', '@pop'],
      [/"/, 'string'],
    ],
    multiLineLiteral: [
      [/[^']+/, 'string'],
      [/'''/, 'string', '@pop'],
      [/'/, 'string'],
    ],
  },
};
