import { Command } from 'commander';
import { addDocument } from '../../corpus/add-document.js';
import type { CliCommand } from './command.js';

export const addCommand: CliCommand = (lazy) =>
  new Command('add')
    .description('copy a document (.md, .txt, .html) into the corpus folder, checked; then run `npm run index`')
    .argument('<file>', 'the document to add')
    .option('--id <id>', 'document id (lower-case letters, digits, dashes); defaults to the file name')
    .option('--replace', 'overwrite a document with the same id')
    .action(async (file: string, flags: { id?: string; replace?: boolean }) => {
      const context = lazy.get();
      const added = await addDocument(context.config.CORPUS_DIR, file, {
        id: flags.id,
        replace: flags.replace === true,
        maxDocumentBytes: context.config.MAX_DOCUMENT_BYTES,
      });
      if (!added.ok) return context.fail(added.error);
      const { id, path, replaced } = added.value;
      const action = !replaced ? 'Added' : replaced === path ? 'Replaced' : `Replaced ${replaced} with`;
      context.print(`${action} ${id} at ${path}. Run \`npm run index\` to index it (the bot picks the new index up by itself).`);
    });
