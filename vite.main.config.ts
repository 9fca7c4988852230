import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// Natives and Electron stay outside the bundle; everything else (zod...) is bundled so the
// packaged app needs only the native modules in node_modules.
const external = ['electron', 'better-sqlite3', '@napi-rs/keyring', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/main',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: false,
    rollupOptions: {
      input: {
        index: 'main/index.ts',
        'web-main': 'main/web/web-main.ts',
        'sandbox-main': 'main/apple/sandbox/sandbox-main.ts',
      },
      external,
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
  ssr: { noExternal: true, external },
});
