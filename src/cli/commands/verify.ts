import { Command } from 'commander';
import { readCorpus } from '../../corpus/read-corpus.js';
import { loadIndex } from '../../index/index-files.js';
import { findMismatches } from '../../index/verify.js';
import type { CliCommand } from './command.js';

export const verifyCommand: CliCommand = (lazy) =>
  new Command('verify')
    .description('check that the index and the corpus agree; exits non-zero listing every mismatch')
    .action(async () => {
      const context = lazy.get();
      const { config } = context;
      const corpus = await readCorpus(config.CORPUS_DIR, { maxDocumentBytes: config.MAX_DOCUMENT_BYTES });
      if (!corpus.ok) return context.fail(corpus.error);
      const loaded = await loadIndex(config.INDEX_DIR, { withVectors: true });
      if (!loaded.ok) return context.fail(loaded.error);
      const mismatches = findMismatches(corpus.value.documents, loaded.value, corpus.value.skippedPaths);
      if (mismatches.length === 0) {
        const { manifest } = loaded.value;
        context.print(`OK: ${manifest.documents.length} documents, ${loaded.value.library.chunkCount} chunks, index ${manifest.buildId}.`);
        return;
      }
      for (const mismatch of mismatches) process.stderr.write(`mismatch: ${mismatch}\n`);
      process.stderr.write(`citebot: ${mismatches.length} mismatches. To fix: run \`npm run index\`.\n`);
      process.exitCode = 1;
    });
