import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The tipline web app: the public reporting form at `/` and the analysts’ triage console at `/#/staff`. `npm run build` writes it to dist/apps/tipline-web, which the
 * tipline service serves at `/`. In development (`npx vite apps/tipline-web`) the
 * dev server proxies `/api` to the tipline on port 3001.
 */
const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  resolve: { alias: { '@vigil/web-ui': resolve(here, '../../libs/shared/web-ui/src') } },
  build: { outDir: resolve(here, '../../dist/apps/tipline-web'), emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3001' } },
});
