import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The reference console: Preact through esbuild's automatic JSX runtime (no framework plugin needed),
 * built to dist/console, which the gateway serves at `/` (src/frontends/console.ts). Everything the page
 * loads is bundled: it asks no other host for anything.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  // `npx vite --config console/vite.config.ts`: hot reload against a gateway started with `npm start`.
  server: { proxy: { '/graphql': process.env.SWITCHBOARD_URL ?? 'http://127.0.0.1:4000' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // Every asset in its own file: a strict CSP (no data: fonts or inline code) holds.
    assetsInlineLimit: 0,
    target: 'es2022',
  },
});
