import { describe, expect, it } from 'vitest';
import { isMonacoModule, styleModuleSource } from './monaco-styles-plugin.ts';

describe('styleModuleSource', () => {
  it('turns relative url() references into asset imports and leaves data: URLs alone', () => {
    const css = '@font-face { src: url(./codicon.ttf) format("truetype"); } .x { background: url("data:image/png;base64,AAA") }';
    const source = styleModuleSource(css, '/m/codicons', 'codicon.css');
    expect(source).toContain('import asset0 from "/m/codicons/codicon.ttf?url";');
    expect(source).not.toContain('asset1');
    expect(source).toContain('data:image/png;base64,AAA');
    expect(source).toContain('style.dataset.monacoStyle = "codicon.css";');
  });

  it('produces a module whose CSS text equals the input when there is nothing to rewrite', async () => {
    const css = '.monaco-editor { color: red; }\n/* "quoted" \\ backslash */';
    const source = styleModuleSource(css, '/m', 'x.css');
    const module = (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as { default: string };
    expect(module.default).toBe(css);
  });

  it('rebuilds the CSS around the asset URL', async () => {
    const source = styleModuleSource("a{src:url('./f.ttf')}b{}", '/m', 'x.css').replace(
      'import asset0 from "/m/f.ttf?url";',
      'const asset0 = "/_astro/f.123.ttf";',
    );
    const module = (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as { default: string };
    expect(module.default).toBe('a{src:url("/_astro/f.123.ttf")}b{}');
  });
});

describe('isMonacoModule', () => {
  it('recognises files inside the monaco-editor package only', () => {
    expect(isMonacoModule('/w/node_modules/monaco-editor/esm/vs/editor/editor.css')).toBe(true);
    expect(isMonacoModule('C:\\w\\node_modules\\monaco-editor\\esm\\a.css')).toBe(true);
    expect(isMonacoModule('/w/site/src/styles/global.css')).toBe(false);
  });
});
