/**
 * The one catalogue of citebot's expected failures. Every message a user or
 * maintainer can see is written here, with the command that gets them unstuck,
 * so wording stays consistent between the CLI, the bot and the logs.
 */

interface Described {
  readonly message: string;
  readonly hint?: string;
}

const catalogue = {
  CONFIG_INVALID: (p: { problems: string[] }) => ({
    message: `invalid configuration: ${p.problems.join('; ')}`,
    hint: 'fix the variables in .env (see .env.example)',
  }),
  CORPUS_DIR_MISSING: (p: { dir: string }) => ({
    message: `corpus folder ${p.dir} does not exist`,
    hint: 'create it or set CORPUS_DIR',
  }),
  DOCUMENT_EMPTY: (p: { file: string }) => ({ message: `${p.file} is empty; skipped` }),
  DOCUMENT_BINARY: (p: { file: string }) => ({ message: `${p.file} looks binary, not text; skipped` }),
  DOCUMENT_UNREADABLE: (p: { file: string; reason: string }) => ({
    message: `${p.file} could not be read (${p.reason}); skipped`,
  }),
  DOCUMENT_NOT_REGULAR: (p: { file: string; kind: string }) => ({
    message: `${p.file} is ${p.kind}, not a regular file; skipped`,
  }),
  DOCUMENT_LINK_OUTSIDE: (p: { file: string }) => ({
    message: `${p.file} is a link to something outside the corpus folder; skipped`,
    hint: 'copy the file into the corpus folder instead of linking to it',
  }),
  DOCUMENT_LINK_LOOP: (p: { file: string }) => ({
    message: `${p.file} is a link back into the corpus folder (a loop or a second name for a folder already read); skipped`,
  }),
  DOCUMENT_INVALID_BYTES: (p: { file: string; count: number }) => ({
    message: `${p.file} is UTF-8 with ${p.count} invalid byte ${p.count === 1 ? 'sequence' : 'sequences'}, each shown as U+FFFD (�); the rest is read as written`,
    hint: 'save the file as UTF-8',
  }),
  CORPUS_TOO_MANY_FILES: (p: { dir: string; limit: number }) => ({
    message: `the corpus folder ${p.dir} holds more than ${p.limit} files`,
    hint: 'point CORPUS_DIR at the folder of documents only',
  }),
  DOCUMENT_UNSUPPORTED: (p: { file: string }) => ({
    message: `${p.file} is not .md, .txt, .html, .pdf, .docx or .epub; skipped`,
  }),
  DOCUMENT_DAMAGED: (p: { file: string; format: string; reason: string }) => ({
    message: `${p.file} is not a readable ${p.format} file (${p.reason}); skipped`,
    hint: 'open it in the program that made it and save or export it again',
  }),
  DOCUMENT_EXPANDS_TOO_FAR: (p: { file: string; limit: number }) => ({
    message: `${p.file} would inflate to more than ${p.limit} bytes when unpacked (a zip bomb?); skipped`,
    hint: 'check where the file came from; a genuine document this large must be split or MAX_DOCUMENT_BYTES raised',
  }),
  DOCUMENT_UNSAFE_PATH: (p: { file: string; entry: string }) => ({
    message: `${p.file} contains an entry whose path leaves the archive (${p.entry}); skipped`,
    hint: 'check where the file came from; a genuine one never does this',
  }),
  URL_NOT_ALLOWED: (p: { url: string; reason: string; privateAddress: boolean }) => ({
    message: `${p.url} was not fetched: ${p.reason}`,
    hint: p.privateAddress
      ? 'if you trust this address, pass --allow-private-urls (or set ALLOW_PRIVATE_URLS=true)'
      : 'give an http:// or https:// address of a public page',
  }),
  URL_FETCH_FAILED: (p: { url: string; reason: string }) => ({
    message: `${p.url} could not be fetched: ${p.reason}`,
    hint: 'check the address in a browser; for a page behind a login, save it as HTML and add the file',
  }),
  URL_UNSUPPORTED_CONTENT: (p: { url: string; type: string }) => ({
    message: `${p.url} answered with ${p.type}, which is not a web page or a document citebot reads`,
    hint: 'give the address of an HTML page, a PDF, a .docx, an .epub or a text file',
  }),
  URL_NO_ARTICLE: (p: { url: string }) => ({
    message: `${p.url} has no article text citebot could tell apart from menus and links`,
    hint: 'save the page as HTML, trim it to the article, and add the file',
  }),
  SOURCE_URL_MISSING: (p: { id: string }) => ({
    message: `document "${p.id}" has no source_url in a .meta.yaml sidecar to fetch it again from`,
    hint: 'only documents added with `add <url>` (or given a sidecar with source_url) can be refreshed; or add the page again with `add <url> --replace`',
  }),
  DOCUMENT_NOT_IN_CORPUS: (p: { id: string }) => ({
    message: `there is no document "${p.id}" in the corpus folder`,
    hint: 'run `npm run cli -- sources` to list document ids',
  }),
  PDF_NO_TEXT: (p: { file: string }) => ({
    message: `${p.file} has no text layer (a scanned PDF?); skipped`,
    hint: 'citebot does no OCR: use a PDF with selectable text, or add the text as Markdown',
  }),
  PDF_ENCRYPTED: (p: { file: string }) => ({
    message: `${p.file} is password-protected; skipped`,
    hint: 'add a copy saved without a password',
  }),
  PDF_GARBLED: (p: { file: string }) => ({
    message: `${p.file}'s text layer extracts as mostly noise (fonts without a Unicode mapping); skipped`,
    hint: 'export the PDF again with text (not outlines), or add the text as Markdown',
  }),
  DOCUMENT_TOO_LARGE: (p: { file: string; bytes: number; limit: number; growing?: boolean }) => ({
    message: `${p.file} is ${p.growing ? 'at least ' : ''}${p.bytes} bytes, over the ${p.limit}-byte limit; skipped`,
    hint: 'split it into several documents or raise MAX_DOCUMENT_BYTES',
  }),
  DOCUMENT_NO_PARAGRAPHS: (p: { file: string }) => ({ message: `${p.file} has no paragraphs of text; skipped` }),
  DOCUMENT_ID_INVALID: (p: { file: string }) => ({
    message: `${p.file} has no usable document id (its file name has no letters or digits)`,
    hint: 'rename the file',
  }),
  DUPLICATE_DOCUMENT_ID: (p: { id: string; first: string; second: string }) => ({
    message: `document id "${p.id}" is used by both ${p.first} and ${p.second}`,
    hint: 'rename one of the files',
  }),
  MODEL_UNAVAILABLE: (p: { model: string; cacheDir: string; reason: string }) => ({
    message: `embedding model "${p.model}" could not be loaded from ${p.cacheDir} or downloaded (${p.reason})`,
    hint: 'check EMBEDDING_MODEL and MODEL_CACHE_DIR, or connect once to download it',
  }),
  INDEX_WOULD_LOSE_VECTORS: (p: { dir: string }) => ({
    message: `the embedding model is unavailable, and updating ${p.dir} now would replace its vectors with a keyword-only index`,
    hint: 'fix EMBEDDING_MODEL / MODEL_CACHE_DIR (or connect once to download the model), or run `npm run index -- --full` to build a keyword-only index anyway',
  }),
  INDEX_MISSING: (p: { dir: string }) => ({
    message: `no index in ${p.dir}`,
    hint: 'run `npm run index`',
  }),
  INDEX_CORRUPT: (p: { dir: string; reason: string }) => ({
    message: `the index in ${p.dir} is damaged (${p.reason})`,
    hint: 'run `npm run index -- --full`',
  }),
  INDEX_FORMAT_MISMATCH: (p: { found: number; expected: number }) => ({
    message: `the index was written in format ${p.found}; this citebot reads format ${p.expected}`,
    hint: 'run `npm run index -- --full`',
  }),
  INDEX_MODEL_MISMATCH: (p: { found: string; expected: string }) => ({
    message: `the index was built with ${p.found} but the configured model is ${p.expected}`,
    hint: 'run `npm run index -- --full`, or set EMBEDDING_MODEL back',
  }),
  INDEX_DIMENSIONS_MISMATCH: (p: { found: number; expected: number }) => ({
    message: `the index holds ${p.found}-dimensional vectors but the model produces ${p.expected}`,
    hint: 'run `npm run index -- --full`',
  }),
  INDEX_DISK_FULL: (p: { dir: string; file: string }) => ({
    message: `no space left on the disk holding ${p.dir} (writing ${p.file}); the index was not changed`,
    hint: 'free space on that disk or give INDEX_DIR more room, then run `npm run index` again',
  }),
  INDEX_READ_ONLY: (p: { dir: string; reason: string }) => ({
    message: `${p.dir} cannot be written (${p.reason}); the index there was not changed`,
    hint: 'make INDEX_DIR writable for this user, or build the index elsewhere and copy it in (docs/deploy.md)',
  }),
  INDEX_WRITE_FAILED: (p: { dir: string; file: string; reason: string }) => ({
    message: `${p.file} in ${p.dir} was not written correctly (${p.reason}); the index was not changed`,
    hint: 'check the disk holding INDEX_DIR (free space, errors in the system log), then run `npm run index` again',
  }),
  INDEX_BUSY: (p: { dir: string; pid: number }) => ({
    message: `another indexer (pid ${p.pid}) is writing ${p.dir}`,
    hint: 'wait for it to finish, or delete its lock file if that process is gone',
  }),
  LEXICON_MISSING: (p: { file: string }) => ({
    message: `the word-vector table ${p.file} is missing; answers match exact words only`,
    hint: 'restore it with `git checkout -- lexicon/`, rebuild it with `npm run lexicon`, or fix LEXICON_FILE',
  }),
  LEXICON_INVALID: (p: { file: string; reason: string }) => ({
    message: `the word-vector table ${p.file} is unusable (${p.reason}); answers match exact words only`,
    hint: 'restore it with `git checkout -- lexicon/` or rebuild it with `npm run lexicon`',
  }),
  SYNONYMS_MISSING: (p: { file: string }) => ({
    message: `the synonyms file ${p.file} is missing; answers use no synonyms`,
    hint: 'restore it with `git checkout -- lexicon/synonyms.txt`, or fix SYNONYMS_FILE',
  }),
  SYNONYMS_INVALID: (p: { file: string; line: number; reason: string }) => ({
    message: `the synonyms file ${p.file} is unusable (${p.line > 0 ? `line ${p.line}: ` : ''}${p.reason}); answers use no synonyms`,
    hint: 'write one group of single words per line, separated by commas (lexicon/README.md)',
  }),
  PASSAGE_REF_INVALID: (p: { ref: string }) => ({
    message: `"${p.ref}" is not a passage reference`,
    hint: 'use the form <document>#p<number>, e.g. trump-putin-call#p3 (or <document>#page=<page> for a PDF page)',
  }),
  PASSAGE_NOT_FOUND: (p: { ref: string }) => ({
    message: `there is no passage ${p.ref}`,
    hint: 'run `npm run cli -- sources` to list documents and their paragraph counts',
  }),
  QUESTION_EMPTY: () => ({ message: 'the question is empty', hint: 'ask a question about the essays' }),
  QUESTION_TOO_LONG: (p: { length: number; limit: number }) => ({
    message: `the question is ${p.length} characters long; the limit is ${p.limit}`,
    hint: 'shorten it to the point you want answered',
  }),
  SETTINGS_CORRUPT: (p: { file: string; reason: string }) => ({
    message: `settings file ${p.file} is damaged (${p.reason}); using defaults for that server`,
    hint: 'set them again with /config, which rewrites the file',
  }),
  DOCUMENT_EXISTS: (p: { id: string; path: string }) => ({
    message: `a document with id "${p.id}" already exists (${p.path})`,
    hint: 'pass --replace to overwrite it, or --id to choose another id',
  }),
  FILE_OUTSIDE_CORPUS: (p: { path: string }) => ({
    message: `"${p.path}" is not a usable document id (it would leave the corpus folder or has other characters)`,
    hint: 'use lower-case letters, digits and dashes, such as my-essay',
  }),
} satisfies Record<string, (params: never) => Described>;

export type ErrorCode = keyof typeof catalogue;
type ParamsOf<C extends ErrorCode> = Parameters<(typeof catalogue)[C]>[0];

export interface CitebotError<C extends ErrorCode = ErrorCode> extends Described {
  readonly code: C;
}

export function citebotError<C extends ErrorCode>(
  code: C,
  ...params: ParamsOf<C> extends undefined ? [] : [ParamsOf<C>]
): CitebotError<C> {
  const describe = catalogue[code] as (p: ParamsOf<C> | undefined) => Described;
  return { code, ...describe(params[0]) };
}

/** One line, for terminals and logs: what went wrong, then what to do. */
export function formatError(error: Described): string {
  return error.hint ? `${error.message}. To fix: ${error.hint}.` : `${error.message}.`;
}

/** Carries a catalogued error through code that can only throw (callbacks, library hooks). */
export class CitebotFailure extends Error {
  constructor(readonly error: CitebotError) {
    super(formatError(error));
    this.name = 'CitebotFailure';
  }
}
