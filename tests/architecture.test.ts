import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Which part of src/ may import which (docs/architecture.md): the web and the pure packages never reach into the
// server, the vocabulary stands alone, and nothing imports the command line. Tests and their set-ups (*.test.ts,
// *.test-support.ts) are left out: they use tests/support and may drive a neighbour (the offline verifier's test
// runs the CLI's verify command).

const SRC = resolve(import.meta.dirname, '../src');

/** The top-level folder of src/ a file lies in (`server`, `web`, `vocabulary`, …). */
function partOf(file: string): string {
  return relative(SRC, file).split(/[\\/]/)[0] ?? '';
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test(-support)?\.ts$/.test(entry.name),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The parts of src/ a file imports from (relative imports only; packages are not parts). */
function importedParts(file: string): { specifier: string; part: string }[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => ({ specifier, part: partOf(resolve(dirname(file), specifier)) }));
}

const MAY_IMPORT: Record<string, readonly string[]> = {
  vocabulary: ['vocabulary'],
  'programme-core': ['programme-core', 'vocabulary'],
  'risk-engine': ['risk-engine', 'vocabulary'],
  'trust-core': ['trust-core', 'vocabulary'],
  web: ['web', 'vocabulary', 'programme-core', 'risk-engine', 'trust-core'],
  server: ['server', 'vocabulary', 'programme-core', 'risk-engine', 'trust-core'],
  cli: ['cli', 'server', 'vocabulary', 'programme-core', 'risk-engine', 'trust-core'],
};

describe('the module graph', () => {
  for (const [part, allowed] of Object.entries(MAY_IMPORT)) {
    it(`src/${part} imports only from ${allowed.join(', ')}`, () => {
      const offending = sourceFiles(join(SRC, part)).flatMap((file) =>
        importedParts(file)
          .filter((imported) => !allowed.includes(imported.part))
          .map((imported) => `${relative(SRC, file)} → ${imported.specifier}`),
      );
      expect(offending).toEqual([]);
    });
  }

  it('names every part of src/', () => {
    const parts = readdirSync(SRC, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(parts.sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });
});
