import { Command } from 'commander';
import { formatError } from '../../core/errors.js';
import { loadIndex } from '../../index/index-files.js';
import { describeModel } from '../../index/manifest.js';
import { terminalText } from '../terminal-text.js';
import type { CliCommand } from './command.js';

export const sourcesCommand: CliCommand = (lazy) =>
  new Command('sources')
    .description('list the indexed documents with their paragraph and chunk counts')
    .option('--json', 'print one JSON object')
    .action(async (options: { json?: boolean }) => {
      const context = lazy.get();
      const loaded = await loadIndex(context.config.INDEX_DIR, { withVectors: false });
      if (!loaded.ok) return context.fail(loaded.error);
      const { manifest } = loaded.value;
      const documents = manifest.documents.map((document) => ({
        id: document.id,
        title: document.title,
        path: document.path,
        paragraphs: document.paragraphs.length,
        chunks: document.chunks.length,
        hash: document.hash,
        indexedAt: document.indexedAt,
      }));
      if (options.json) {
        context.print(JSON.stringify({ model: manifest.model?.id ?? null, builtAt: manifest.builtAt, documents }));
        return;
      }
      context.print(terminalText(`Index built ${manifest.builtAt} with ${manifest.model ? describeModel(manifest.model) : 'no model (keyword search only)'}`));
      for (const document of documents) {
        context.print(
          terminalText(`${document.id}  ${document.paragraphs} paragraphs, ${document.chunks} chunks, sha256 ${document.hash.slice(0, 12)}\n  ${document.title}`),
        );
      }
      if (documents.length === 0) context.print(formatError({ message: 'The index holds no documents', hint: 'add files to the corpus folder and run `npm run index`' }));
    });
