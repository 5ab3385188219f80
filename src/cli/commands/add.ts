import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import type { Config } from '../../config/load-config.js';
import { type CitebotError, formatError } from '../../core/errors.js';
import type { Result } from '../../core/result.js';
import { addDocument } from '../../corpus/add-document.js';
import { documentFormatOf } from '../../corpus/formats/ingest-file.js';
import { copySidecar, isSidecarFile } from '../../corpus/formats/sidecar.js';
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
        else if (URL_LIKE.test(source) && !/^[a-z]:[\\/]/i.test(source)) outcomes.push({ source, result: await addOneUrl(config, source, flags, urlOptions) });
        else for (const file of await expandFolder(source)) outcomes.push({ source: file, result: await addOneFile(config, file, flags) });
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
  const withSidecar = await copySidecar(file, added.value.path);
  const verb = added.value.replaced ? 'Replaced' : 'Added';
  return { ok: true, value: { id: added.value.id, path: added.value.path, summary: `${verb} ${added.value.id} from ${file}${withSidecar ? ' (with its .meta.yaml)' : ''}.`, changed: true } };
}

async function addOneUrl(config: Config, url: string, flags: AddFlags, options: UrlOptions): Promise<Outcome['result']> {
  const { addUrl } = await import('../../corpus/web/add-url.js');
  const added = await addUrl(config.CORPUS_DIR, url, { ...options, id: flags.id, replace: flags.replace === true });
  if (!added.ok) return added;
  const verb = added.value.replaced ? 'Replaced' : 'Added';
  return { ok: true, value: { ...added.value, summary: `${verb} ${added.value.id} from ${url} at ${added.value.path} (metadata in its .meta.yaml).`, changed: true } };
}

async function refreshOne(config: Config, id: string, options: UrlOptions): Promise<Outcome['result']> {
  const { refreshDocument } = await import('../../corpus/web/add-url.js');
  const refreshed = await refreshDocument(config.CORPUS_DIR, id, options);
  if (!refreshed.ok) return refreshed;
  const { paragraphs } = refreshed.value;
  const summary = refreshed.value.changed
    ? `${id}: the text changed (${paragraphs.before} → ${paragraphs.after} paragraphs); saved to ${refreshed.value.path}.`
    : `${id}: unchanged (${paragraphs.before} paragraphs).`;
  return { ok: true, value: { id, path: refreshed.value.path, summary, changed: refreshed.value.changed } };
}

/** A folder stands for the documents in it (and its subfolders); anything else is itself. */
async function expandFolder(source: string): Promise<string[]> {
  const info = await stat(source).catch(() => undefined);
  if (!info?.isDirectory()) return [source];
  const entries = await readdir(source, { recursive: true });
  return entries
    .filter((entry) => !entry.split(path.sep).some((part) => part.startsWith('.')) && !isSidecarFile(entry) && documentFormatOf(entry))
    .sort()
    .map((entry) => path.join(source, entry));
}
