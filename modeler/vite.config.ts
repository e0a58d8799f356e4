// Vite config for the Alur web app (citizen pages, staff inbox, process designer).
// `npm run build -w @alur/modeler` writes modeler/dist; the dev and preview servers
// proxy the API (and its docs) to a locally running `npm start` on port 3000, or to
// ALUR_API_URL when set.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const api = process.env.ALUR_API_URL ?? 'http://127.0.0.1:3000';
const proxy = {
  '/api': { target: api, changeOrigin: true },
  '/docs': { target: api, changeOrigin: true },
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [vue()],
  define: {
    // vue-i18n feature flags: Composition API only, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: {
    // The designer (bpmn-js, properties panel) is one lazily loaded chunk of ~1.4 MB.
    chunkSizeWarningLimit: 1600,
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: { proxy },
  preview: { proxy },
});
