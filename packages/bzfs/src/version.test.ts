import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseCli } from './cli/args.js';
import { VERSION } from './version.js';

// version.ts is generated at build time (scripts/gen-version.mjs) and committed: this keeps it from
// going stale when package.json's version is bumped without a build.
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('version', () => {
  it("is package.json's version", () => {
    expect(VERSION).toBe(pkg.version);
  });

  it('bzfs --version prints it', async () => {
    expect(await parseCli(['--version'], { home: '/home/u', cpus: 8 })).toEqual({
      output: `bzfs-ts ${pkg.version}`,
    });
  });
});
