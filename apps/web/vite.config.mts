import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const here = import.meta.dirname;
const OFFLINE_PAGES = ['src/pages/informant/index.tsx', 'src/pages/login/index.tsx'];

/**
 * Writes sw.js at build time: the service worker source (src/pwa/service-worker.js) with the list
 * of the files to precache, and a version made from those names (hashed), so a new build
 * replaces the old cache and an unchanged one keeps it. No plugin, no inline script.
 */
function serviceWorker(): Plugin {
  return {
    name: 'labour-cases-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const publicFiles = readdirSync(join(here, 'public')).map((name) => `/${name}`);
      // Precache what an informant's phone needs offline (the shell, login, the informant page) and
      // the styles; other roles' chunks (the dashboard's charts...) are cached when first loaded.
      const wanted = new Set<string>();
      const add = (fileName: string) => {
        const item = bundle[fileName];
        if (!item || wanted.has(fileName)) return;
        wanted.add(fileName);
        if (item.type === 'chunk') item.imports.forEach(add);
      };
      for (const [fileName, item] of Object.entries(bundle)) {
        if (fileName.startsWith('.')) continue; // .vite/manifest.json: not served
        if (item.type === 'asset') wanted.add(fileName);
        else if (item.isEntry || OFFLINE_PAGES.some((page) => item.facadeModuleId?.endsWith(page))) add(fileName);
      }
      const built = [...wanted].map((name) => `/${name}`);
      const files = [...new Set(['/', ...built, ...publicFiles])].filter((f) => f !== '/sw.js' && !f.endsWith('.map')).sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
      const source = readFileSync(join(here, 'src/pwa/service-worker.js'), 'utf8')
        .replace('self.__PRECACHE__', JSON.stringify(files))
        .replace('self.__VERSION__', JSON.stringify(version));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  publicDir: 'public',
  plugins: [serviceWorker()],
  resolve: {
    // The mediator's forms bundle libs/reference-data's validators (the server's rules); of
    // @lc/decider they need only its calendar, which is pure (the package also holds test helpers).
    alias: { '@lc/decider': resolve(here, '../../libs/decider/src/calendar.ts') },
  },
  build: {
    outDir: resolve(here, '../../dist/web'),
    emptyOutDir: true,
    // The informant's phone page must stay small; the budget is checked by scripts/web-sizes.js.
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
    sourcemap: false,
    // Which chunks each page loads, for scripts/web-sizes.js (dotfiles are not served).
    manifest: true,
    rolldownOptions: {
      onwarn(warning, warn) {
        // Ant Design marks its modules "use client" (for React Server Components): meaningless here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npm run web:dev`: the page with hot reload, the API of `npm start` behind it.
    proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' },
  },
});
