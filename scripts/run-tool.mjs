// Runs a TypeScript dev tool (a file outside the shipped src/, e.g. packages/jobrunner/tools/) that
// tsc -b must not compile into dist/. esbuild bundles it, with the sources it imports, into a file
// next to it, so the paths the tool derives from import.meta.url mean what they mean in its source;
// npm packages stay external and resolve from the checkout's node_modules. The bundle is removed
// afterwards. Usage: node scripts/run-tool.mjs <tool.ts> [args...]
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [tool, ...args] = process.argv.slice(2);
if (!tool?.endsWith('.ts')) {
  console.error('usage: node scripts/run-tool.mjs <tool.ts> [args...]');
  process.exit(2);
}
const source = resolve(tool);
const bundle = source.replace(/\.ts$/, '.bundle.mjs');
await build({
  entryPoints: [source],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
try {
  process.argv = [process.argv[0], bundle, ...args];
  await import(pathToFileURL(bundle).href);
} finally {
  rmSync(bundle, { force: true });
}
