// Astro builds the site as static pages; the lab server (sandbox/) serves them and the API on one
// port. In `astro dev` the same sandbox is mounted into Vite's server by a tiny integration.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { socketLabDev } from './sandbox/astro-integration.ts';
import { DEFAULT_LANG, LANGS } from './schema/langs.ts';

export default defineConfig({
  output: 'static',
  // English at the root, Japanese under /ja/ (schema/langs.ts); Astro.currentLocale follows the path.
  i18n: { locales: [...LANGS], defaultLocale: DEFAULT_LANG, routing: { prefixDefaultLocale: false } },
  adapter: node({ mode: 'standalone' }),
  integrations: [mdx(), socketLabDev()],
  // Code blocks in both site themes; the "default" GitHub themes keep comments readable (WCAG AA).
  markdown: { shikiConfig: { themes: { light: 'github-light-default', dark: 'github-dark-default' } } },
  server: { host: '127.0.0.1', port: 4321 },
  devToolbar: { enabled: false },
  vite: {
    // Monaco's editor worker is bundled with `?worker` and must be an ES module worker.
    worker: { format: 'es' },
    build: { chunkSizeWarningLimit: 4096 },
  },
});
