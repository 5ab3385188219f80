import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

/** Permissive licences, plus LGPL for sharp's dynamically linked libvips binaries (transformers.js image support, unused by citebot). */
const ALLOWED = /^(\(?(MIT|ISC|0BSD|BSD-2-Clause|BSD-3-Clause|Apache-2\.0|BlueOak-1\.0\.0|CC0-1\.0|Zlib|LGPL-3\.0-or-later)( (AND|OR) |\)?$))+$/;
/** Packages whose published metadata has no licence field, checked by hand. */
const REVIEWED = new Map([
  ['format', 'MIT: format@0.2.2 uses the old `licenses` array, and its README states the MIT licence'],
  ['duck', 'BSD-2-Clause: package.json says "BSD"; its LICENSE file is the two-clause text (mammoth dependency)'],
  ['jszip', 'MIT or GPL-3.0-or-later at the user’s choice; used under MIT (mammoth dependency)'],
]);

interface LockEntry {
  readonly dev?: boolean;
  readonly license?: string;
}

describe('production dependencies', () => {
  it('GIVEN package-lock.json THEN every production package, direct or transitive, has an allowed licence', async () => {
    const lock = JSON.parse(await readFile(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
    const offending = Object.entries(lock.packages)
      .filter(([location, entry]) => location !== '' && !entry.dev)
      .map(([location, entry]) => ({ name: location.replace(/^.*node_modules\//, ''), license: entry.license }))
      .filter(({ name, license }) => !REVIEWED.has(name) && !(license && ALLOWED.test(license)));
    expect(offending).toEqual([]);
  });

  it('GIVEN package.json THEN every dependency is pinned to an exact version', async () => {
    const manifest = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    const ranges = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }).filter(([, version]) => !/^\d+\.\d+\.\d+$/.test(version));
    expect(ranges).toEqual([]);
  });
});
