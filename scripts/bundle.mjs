// Bundles the bzfs CLI into one self-contained file, dist/bzfs.mjs: copy it to any host with
// Node >= 20 and run it, no npm install needed. It also starts much faster where file access is
// slow (the emulated test guest reads the checkout over 9p).
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require() for node builtins.
  banner: {
    js: "import { createRequire as bzfsCreateRequire } from 'node:module'; const require = bzfsCreateRequire(import.meta.url);",
  },
};

await build({
  ...common,
  entryPoints: ['packages/bzfs/dist/bin/bzfs.js'],
  outfile: 'packages/bzfs/dist/bzfs.mjs',
});
// Test support for the integration tier (not published): the CLI with a fixed clock (test/support/bzfs-at.ts).
await build({
  ...common,
  entryPoints: ['packages/bzfs/test/support/bzfs-at.ts'],
  outfile: 'packages/bzfs/dist/bzfs-at.mjs',
});
