import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jobSpecSchema } from './schema.js';
import {
  BEGIN_MARK,
  END_MARK,
  renderSpecReference,
  schemaFileText,
  withGeneratedSection,
} from './schema-doc.js';

const read = (rel: string) => readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8');
const STALE = 'stale: run `npm run build && npm run gen:schema -w @bzfs-ts/jobrunner`';

describe('published schema and generated reference', () => {
  it('ships the schema that the validator uses', () => {
    const shipped: unknown = JSON.parse(read('../../schema/jobrunner-spec.schema.json'));
    expect({ shipped, hint: STALE }).toEqual({
      shipped: JSON.parse(schemaFileText(jobSpecSchema)),
      hint: STALE,
    });
  });

  it('documents every key of the schema in README_jobrunner.md', () => {
    const readme = read('../../../../README_jobrunner.md');
    expect({ readme, hint: STALE }).toEqual({
      readme: withGeneratedSection(readme, renderSpecReference(jobSpecSchema)),
      hint: STALE,
    });
  });

  it('names free-form keys by their placeholder', () => {
    const table = renderSpecReference(jobSpecSchema);
    expect(table).toContain('| `dstHosts.<host>.root` | string | yes |');
    expect(table).toContain('| `srcSnapshotPlan.<org>.<target>.<period>` | integer (≥ 0) |');
    expect(table).toContain('| `monitorSnapshotPlan.<org>.<target>.<period>.warning` | string |');
    expect(table).toContain('| `rootDatasetPairs[].src` | string | yes |');
  });

  it('replaces only the generated section', () => {
    const doc = `intro\n${BEGIN_MARK}\nold\n${END_MARK}\noutro\n`;
    expect(withGeneratedSection(doc, 'new\n')).toBe(`intro\n${BEGIN_MARK}\n\nnew\n\n${END_MARK}\noutro\n`);
    expect(() => withGeneratedSection('no marks', 'x')).toThrow(/missing/);
  });
});
