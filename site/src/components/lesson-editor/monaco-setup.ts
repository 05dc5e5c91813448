// The only Monaco entry the site loads: the core editor API, a few editing features, Rust, Go and
// our TOML grammar. Importing "monaco-editor" itself would pull in every language and service.
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
// A compiler message on its marked line: shown on hover, and F8 / Shift+F8 step through them.
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/languages/definitions/go/register';
import 'monaco-editor/languages/definitions/rust/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { tomlConfiguration, tomlLanguage } from './toml-language.ts';

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

if (!monaco.languages.getLanguages().some((language) => language.id === 'toml')) {
  monaco.languages.register({ id: 'toml', extensions: ['.toml'], filenames: ['Cargo.lock'], aliases: ['TOML'] });
  monaco.languages.setLanguageConfiguration('toml', tomlConfiguration);
  monaco.languages.setMonarchTokensProvider('toml', tomlLanguage);
}

// Browser tests compare whole files, but Monaco draws only the lines in view. A build made for
// the tests (PUBLIC_E2E_HOOKS=1, set by test/e2e/playwright.config.ts) exposes the API so a test
// can read an editor's model; other builds drop this branch.
if (import.meta.env.PUBLIC_E2E_HOOKS === '1') {
  (globalThis as { hybridLabMonaco?: typeof monaco }).hybridLabMonaco = monaco;
}

export { monaco };
