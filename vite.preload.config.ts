import { defineConfig } from 'vite';

// A sandboxed preload may only require('electron'): it must be one CommonJS file.
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/preload',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: false,
    rollupOptions: {
      input: { preload: 'preload/index.ts' },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
  ssr: { noExternal: true, external: ['electron'] },
});
