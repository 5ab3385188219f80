import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'dotenv';
import { parseConfig } from '../../../src/config/load-config.js';
import { environmentSchema } from '../../../src/config/schema.js';
import { REPO_ROOT } from '../../support/paths.js';

describe('.env.example and the README', () => {
  it('GIVEN .env.example THEN it lists exactly the variables citebot reads, and parses as a valid configuration', async () => {
    const example = parse(await readFile(path.join(REPO_ROOT, '.env.example'), 'utf8'));
    expect(Object.keys(example).sort()).toEqual(Object.keys(environmentSchema.shape).sort());
    expect(parseConfig(example).ok).toBe(true);
  });

  it('GIVEN the README configuration table THEN it documents every variable', async () => {
    const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
    for (const name of Object.keys(environmentSchema.shape)) expect(readme, name).toContain(`| \`${name}\``);
  });
});
