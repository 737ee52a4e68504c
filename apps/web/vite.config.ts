import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type Rollup } from 'vite';
import { bootTexts } from './src/i18n/boot-texts';

/**
 * Inlines boot.js at the top of index.html with the file names of what it fetches early: the app
 * itself (main.tsx imports it only after the boot paint), each language's texts and the Home page's code
 * (each with the chunks it imports that the entry does not already load).
 */
function bootScript(): Plugin {
  const source = readFileSync(new URL('./boot.js', import.meta.url), 'utf8');
  return {
    name: 'kabinet-boot-script',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunks: { locales: Record<string, string[]>; home: string[]; start: string[] } = {
          locales: { en: [], ru: [], id: [] },
          home: [],
          start: [],
        };
        const bundle = context.bundle;
        if (bundle) {
          const all = Object.values(bundle).filter(
            (item): item is Rollup.OutputChunk => item.type === 'chunk',
          );
          const byFile = new Map(all.map((chunk) => [chunk.fileName, chunk]));
          const loaded = new Set<string>();
          const closure = (chunk: Rollup.OutputChunk, into: Set<string>) => {
            if (into.has(chunk.fileName)) return;
            into.add(chunk.fileName);
            for (const file of chunk.imports) {
              const imported = byFile.get(file);
              if (imported) closure(imported, into);
            }
          };
          for (const chunk of all) if (chunk.isEntry) closure(chunk, loaded);
          const files = (suffix: string) => {
            const chunk = all.find((c) => c.facadeModuleId?.endsWith(suffix));
            if (!chunk) throw new Error(`boot script: no chunk for ${suffix}`);
            const needed = new Set<string>();
            closure(chunk, needed);
            return [...needed].filter((file) => !loaded.has(file)).map((file) => `/${file}`);
          };
          for (const language of Object.keys(chunks.locales))
            chunks.locales[language] = files(`/i18n/locales/${language}.json`);
          chunks.start = files('/src/start.tsx');
          chunks.home = files('/features/home/HomePage.tsx').filter((file) => !chunks.start.includes(file));
        }
        const script = `<script>${bootScriptSource(source, chunks)}</script>`;
        // Before the stylesheet link: a classic script after it would wait for the CSS to download.
        const anchor = '<meta charset="UTF-8" />';
        if (!html.includes(anchor)) throw new Error('boot script: index.html lost its charset meta');
        return html.replace(anchor, `${anchor}\n    ${script}`);
      },
    },
  };
}

/** boot.js with what it needs filled in: the chunks to fetch, and its few texts from the locale files. */
export function bootScriptSource(source: string, chunks: unknown): string {
  // Functions, not strings, as replacements: a "$" in a text must not be read as a pattern.
  const json = (value: unknown) => JSON.stringify(value).replaceAll('<', '\\u003c');
  return source
    .replace('__BOOT_CHUNKS__', () => json(chunks))
    .replace('__BOOT_TEXTS__', () => json(bootTexts()));
}

// Built into apps/web/dist, which the server serves at / (with SPA fallback for client routes).
export default defineConfig({
  plugins: [react(), bootScript()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Below this the warning is noise; the real budget (home route <= 170 KB gzip) is checked on the output.
    chunkSizeWarningLimit: 400,
    // Every browser the app supports has modulepreload; the polyfill would only add to the entry.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  preview: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
