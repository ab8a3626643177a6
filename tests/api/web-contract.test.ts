import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WEB_CONTRACT_FILE, buildOpenApiDocument, renderWebContract } from '../../scripts/web-contract';

describe("the web's wire types", () => {
  it('are generated from the current OpenAPI document (run `npm run generate:api-types` when this fails)', async () => {
    const expected = await renderWebContract(await buildOpenApiDocument());
    // Compared as text, but reported as a count so a stale file does not print 13 000 lines.
    const stale = readFileSync(WEB_CONTRACT_FILE, 'utf8') !== expected;
    expect(stale, `${WEB_CONTRACT_FILE} is stale: run npm run generate:api-types`).toBe(false);
  }, 120_000);
});
