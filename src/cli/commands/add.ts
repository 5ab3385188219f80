import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import type { Config } from '../../config/load-config.js';
import { type CitebotError, formatError } from '../../core/errors.js';
import { err, ok, type Result } from '../../core/result.js';
import { type AddedDocument, addDocument } from '../../corpus/add-document.js';
import { listCorpus } from '../../corpus/corpus-files.js';
import { documentFormatOf } from '../../corpus/formats/ingest-file.js';
import type { UrlOptions } from '../../corpus/web/add-url.js';
import type { CliCommand } from './command.js';

interface AddFlags {
  id?: string;
  replace?: boolean;
  refresh?: boolean;
  allowPrivateUrls?: boolean;
  json?: boolean;
}

interface Outcome {
  readonly source: string;
  readonly result: Result<{ id: string; path: string; summary: string; changed: boolean }, CitebotError>;
}

/** "https://…" or "ftp://…", but not "C:\\file.pdf" or "./notes.md". */
const URL_LIKE = /^[a-z][a-z0-9+.-]+:/i;

export const addCommand: CliCommand = (lazy) =>
  new Command('add')
    .description('copy documents (.md .txt .html .pdf .docx .epub, files or folders) or fetch web pages (URLs) into the corpus, checked; then run `npm run index`')
    .argument('<sources...>', 'files, folders or http(s) URLs; with --refresh, document ids')
    .option('--id <id>', 'document id for a single source (lower-case letters, digits, dashes); defaults to the file name or the URL')
    .option('--replace', 'overwrite a document with the same id')
    .option('--refresh', 'fetch the given documents again from their source_url and report whether the text changed')
    .option('--allow-private-urls', 'let URLs point at loopback or private addresses (also ALLOW_PRIVATE_URLS=true)')
    .option('--json', 'print one JSON object per source')
    .action(async (sources: string[], flags: AddFlags) => {
      const context = lazy.get();
      const { config } = context;
      if (flags.id && sources.length > 1) {
        return context.fail({ code: 'FILE_OUTSIDE_CORPUS', message: '--id names one document, but several sources were given', hint: 'add them one at a time to choose their ids' }, 2);
      }
      const urlOptions: UrlOptions = {
        policy: { timeoutMs: config.FETCH_TIMEOUT_MS, maxBytes: config.MAX_DOCUMENT_BYTES, maxRedirects: 5, allowPrivate: flags.allowPrivateUrls === true || config.ALLOW_PRIVATE_URLS },
        maxDocumentBytes: config.MAX_DOCUMENT_BYTES,
        today: new Date().toISOString().slice(0, 10),
      };
      const outcomes: Outcome[] = [];
      for (const source of sources) {
        if (flags.refresh) outcomes.push({ source, result: await refreshOne(config, source, urlOptions) });
        else if (URL_LIKE.test(source)) outcomes.push({ source, result: await addOneUrl(config, source, flags, urlOptions) });
        else {
          const files = await expandFolder(source);
          if (!files.ok) outcomes.push({ source, result: files });
          else for (const file of files.value) outcomes.push({ source: file.source, result: file.refused ? err(file.refused) : await addOneFile(config, file.source, flags) });
        }
      }
      for (const { source, result } of outcomes) {
        if (flags.json) {
          context.print(JSON.stringify(result.ok ? { source, ok: true, ...result.value } : { source, ok: false, code: result.error.code, message: formatError(result.error) }));
        } else {
          context.print(result.ok ? result.value.summary : `Refused ${source}: ${formatError(result.error)}`);
        }
      }
      const changed = outcomes.some(({ result }) => result.ok && result.value.changed);
      if (!flags.json && changed) context.print('Run `npm run index` to index the changes (the bot picks the new index up by itself).');
      if (outcomes.some(({ result }) => !result.ok)) process.exitCode = 1;
    });

async function addOneFile(config: Config, file: string, flags: AddFlags): Promise<Outcome['result']> {
  const added = await addDocument(config.CORPUS_DIR, file, { id: flags.id, replace: flags.replace === true, maxDocumentBytes: config.MAX_DOCUMENT_BYTES });
  if (!added.ok) return added;
  return ok({ ...added.value, summary: `${verb(added.value)} ${added.value.id} from ${file} at ${added.value.path}${added.value.withSidecar ? ' (with its .meta.yaml)' : ''}.`, changed: true });
}

async function addOneUrl(config: Config, url: string, flags: AddFlags, options: UrlOptions): Promise<Outcome['result']> {
  const { addUrl } = await import('../../corpus/web/add-url.js');
  const added = await addUrl(config.CORPUS_DIR, url, { ...options, id: flags.id, replace: flags.replace === true });
  if (!added.ok) return added;
  return ok({ ...added.value, summary: `${verb(added.value)} ${added.value.id} from ${url} at ${added.value.path} (metadata in its .meta.yaml).`, changed: true });
}

/** "Replaced x.md with" when the replaced file had another name (another extension or folder). */
function verb({ path, replaced }: AddedDocument): string {
  return !replaced ? 'Added' : replaced === path ? 'Replaced' : `Replaced ${replaced} with`;
}

async function refreshOne(config: Config, id: string, options: UrlOptions): Promise<Outcome['result']> {
  const { refreshDocument } = await import('../../corpus/web/add-url.js');
  const refreshed = await refreshDocument(config.CORPUS_DIR, id, options);
  if (!refreshed.ok) return refreshed;
  const { paragraphs } = refreshed.value;
  const summary = refreshed.value.changed
    ? `${id}: the text changed (${paragraphs.before} → ${paragraphs.after} paragraphs); saved to ${refreshed.value.path}.`
    : `${id}: unchanged (${paragraphs.before} paragraphs).`;
  return ok({ id, path: refreshed.value.path, summary, changed: refreshed.value.changed });
}

/**
 * A folder stands for the documents in it (and its subfolders), walked like the
 * corpus folder: hidden entries and other files (sidecars among them) left out,
 * links out of it, pipes and devices refused. Anything else is itself.
 */
async function expandFolder(source: string): Promise<Result<{ source: string; refused?: CitebotError }[], CitebotError>> {
  const info = await stat(source).catch(() => undefined);
  if (!info?.isDirectory()) return ok([{ source }]);
  const listing = await listCorpus(source);
  if (!listing.ok) return listing;
  return ok([
    ...listing.value.files.filter((file) => documentFormatOf(file.path)).map((file) => ({ source: path.join(source, file.path) })),
    ...listing.value.refused.map((refused) => ({ source, refused })),
  ]);
}
