/**
 * Writes the published JSON Schema (schema/jobrunner-spec.schema.json) and the spec reference in
 * README_jobrunner.md from src/spec/schema.ts. Run after changing the schema: `npm run build && npm run
 * gen:schema -w @bzfs-ts/jobrunner` (a unit test fails while either file is stale). A dev tool, so
 * it lives outside src/ and is not shipped; scripts/run-tool.mjs bundles and runs it (the build is
 * needed for the @bzfs-ts/bzfs import, which resolves to packages/bzfs/dist).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jobSpecSchema } from '../src/spec/schema.js';
import { renderSpecReference, schemaFileText, withGeneratedSection } from '../src/spec/schema-doc.js';

const schemaFile = fileURLToPath(new URL('../schema/jobrunner-spec.schema.json', import.meta.url));
const readme = fileURLToPath(new URL('../../../README_jobrunner.md', import.meta.url));

writeFileSync(schemaFile, await formatted(schemaFileText(jobSpecSchema), schemaFile));
writeFileSync(readme, withGeneratedSection(readFileSync(readme, 'utf8'), renderSpecReference(jobSpecSchema)));
process.stdout.write(`wrote ${schemaFile}\nupdated ${readme}\n`);

/** The repository checks formatting with prettier; use it when it is installed (a dev dependency). */
async function formatted(text: string, file: string): Promise<string> {
  try {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(file)) ?? {};
    return await prettier.format(text, { ...options, filepath: file });
  } catch {
    return text;
  }
}
