import { constants } from 'node:buffer';
import path from 'node:path';
import { type CitebotError, citebotError } from '../../core/errors.js';
import { err, type Result } from '../../core/result.js';
import type { DocumentFormat, DocumentMetadata, ParsedSource, SourceDocument } from '../document.js';
import { documentFromParsed, formatOf, ingestDocument } from '../ingest.js';
import type { ZipProblem } from './zip-entries.js';

type BinaryFormat = 'pdf' | 'docx' | 'epub';

const BINARY_FORMATS: Readonly<Record<string, BinaryFormat>> = { '.pdf': 'pdf', '.docx': 'docx', '.epub': 'epub' };
const FORMAT_NAMES: Readonly<Record<BinaryFormat, string>> = { pdf: 'PDF', docx: 'Word (.docx)', epub: 'EPUB' };

/** An archive may hold this many entries; EPUBs of long books have a few thousand. */
const MAX_ZIP_ENTRIES = 20_000;
/** Unpacked, an archive may be this many times the document size limit (XML is verbose, and compresses ~10:1), up to the longest string Node can make of it. */
const EXPANSION_FACTOR = 10;

export interface IngestOptions {
  readonly maxDocumentBytes: number;
  /** From a `.meta.yaml` sidecar: wins over what the file says about itself. */
  readonly metadata?: DocumentMetadata;
  /** Told of damage in a document that is still read (invalid UTF-8 in a text file). */
  readonly warn?: (problem: CitebotError) => void;
}

/** Every format citebot reads, by file name. */
export function documentFormatOf(fileName: string): DocumentFormat | undefined {
  return formatOf(fileName) ?? BINARY_FORMATS[path.extname(fileName).toLowerCase()];
}

/**
 * Bytes of one corpus file, in any supported format → a document, or the one-line
 * reason it cannot be one. No file I/O: callers read the bytes.
 */
export async function ingestFile(relativePath: string, bytes: Uint8Array, options: IngestOptions): Promise<Result<SourceDocument, CitebotError>> {
  const file = relativePath;
  const binary = BINARY_FORMATS[path.extname(relativePath).toLowerCase()];
  if (!binary) return ingestDocument(relativePath, bytes, options.warn, options.metadata);
  if (bytes.length === 0) return err(citebotError('DOCUMENT_EMPTY', { file }));
  const parsed = await parseBinary(binary, bytes, Math.min(options.maxDocumentBytes * EXPANSION_FACTOR, constants.MAX_STRING_LENGTH));
  if (!parsed.ok) return err(describeProblem(file, binary, parsed.error));
  return documentFromParsed(relativePath, binary, parsed.value, options.metadata);
}

type BinaryProblem = ZipProblem | { kind: 'not-docx' } | { kind: 'not-epub'; reason: string } | { kind: 'pdf'; problem: 'not-pdf' | 'encrypted' | 'no-text' | 'noise' | 'damaged' };

async function parseBinary(format: BinaryFormat, bytes: Uint8Array, maxExpandedBytes: number): Promise<Result<ParsedSource, BinaryProblem>> {
  // Each reader (pdf.js, mammoth) is loaded on first use: most commands never read these formats.
  const limits = { maxExpandedBytes, maxEntries: MAX_ZIP_ENTRIES };
  if (format === 'docx') return (await import('./docx.js')).parseDocx(bytes, limits);
  if (format === 'epub') return (await import('./epub.js')).parseEpub(bytes, limits);
  const pdf = await (await import('./pdf.js')).parsePdf(bytes);
  return pdf.ok ? pdf : err({ kind: 'pdf', problem: pdf.error });
}

function describeProblem(file: string, format: BinaryFormat, problem: BinaryProblem): CitebotError {
  const damaged = (reason: string) => citebotError('DOCUMENT_DAMAGED', { file, format: FORMAT_NAMES[format], reason });
  switch (problem.kind) {
    case 'not-zip':
      return damaged('it is not a zip archive: a renamed or corrupted file');
    case 'not-docx':
      return damaged('the archive has no word/document.xml');
    case 'not-epub':
      return damaged(problem.reason);
    case 'too-many-entries':
      return damaged(`the archive has more than ${problem.limit} entries`);
    case 'expands-too-far':
      return citebotError('DOCUMENT_EXPANDS_TOO_FAR', { file, limit: problem.limit });
    case 'unsafe-path':
      return citebotError('DOCUMENT_UNSAFE_PATH', { file, entry: problem.name });
    case 'pdf':
      switch (problem.problem) {
        case 'encrypted':
          return citebotError('PDF_ENCRYPTED', { file });
        case 'no-text':
          return citebotError('PDF_NO_TEXT', { file });
        case 'noise':
          return citebotError('PDF_GARBLED', { file });
        case 'not-pdf':
          return damaged('it does not start like a PDF: a renamed or corrupted file');
        case 'damaged':
          return damaged('pdf.js could not parse it');
      }
  }
}
