import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ESSAYS_DIR = path.join(REPO_ROOT, 'docs/essays');
/** The generated BERT-style fixture model (tests/tools/generate-test-model.ts). */
export const TEST_MODEL_DIR = path.join(REPO_ROOT, 'tests/fixtures/model');
