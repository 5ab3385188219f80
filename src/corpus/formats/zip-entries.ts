import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { err, ok, type Result } from '../../core/result.js';

/** Why an archive (DOCX, EPUB) was not read. */
export type ZipProblem =
  | { readonly kind: 'not-zip' }
  | { readonly kind: 'unsafe-path'; readonly name: string }
  | { readonly kind: 'too-many-entries'; readonly limit: number }
  | { readonly kind: 'expands-too-far'; readonly limit: number };

export interface ZipLimits {
  /** Most bytes all the entries that are read may inflate to together: a zip bomb stops here. */
  readonly maxExpandedBytes: number;
  readonly maxEntries: number;
}

/**
 * Inflates the entries `wanted` picks, counting every byte as it streams out, so a
 * zip bomb (a small file that inflates to gigabytes) is refused at the limit, whatever
 * sizes its headers declare. Entry names that are absolute or climb out with `..` make
 * the whole archive refused: nothing here writes files, but such a name is a forgery.
 */
export async function readZipEntries(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  limits: ZipLimits,
): Promise<Result<Map<string, Buffer>, ZipProblem>> {
  const opened = await openZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!opened.ok) return opened;
  const zip = opened.value;
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    return err({ kind: 'too-many-entries', limit: limits.maxEntries });
  }
  const entries = new Map<string, Buffer>();
  let budget = limits.maxExpandedBytes;
  try {
    for (;;) {
      const entry = await nextEntry(zip);
      if (entry === undefined) break;
      if (!entry.ok) return entry;
      const name = entry.value.fileName;
      if (unsafePath(name)) return err({ kind: 'unsafe-path', name: name.slice(0, 200) });
      if (name.endsWith('/') || !wanted(name)) continue;
      if (entry.value.uncompressedSize > budget) return err({ kind: 'expands-too-far', limit: limits.maxExpandedBytes });
      const data = await inflate(zip, entry.value, budget);
      if (data === 'over-budget') return err({ kind: 'expands-too-far', limit: limits.maxExpandedBytes });
      if (data === 'corrupt') return err({ kind: 'not-zip' });
      budget -= data.length;
      entries.set(name, data);
    }
  } finally {
    zip.close();
  }
  return ok(entries);
}

function unsafePath(name: string): boolean {
  const normal = name.replace(/\\/g, '/');
  return normal.startsWith('/') || /^[a-z]:/i.test(normal) || normal.split('/').includes('..');
}

function openZip(buffer: Buffer): Promise<Result<ZipFile, ZipProblem>> {
  return new Promise((resolve) => {
    // Names are checked here rather than by yauzl, so a forged one is reported as such.
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: false }, (error, zip) => {
      resolve(error || !zip ? err({ kind: 'not-zip' }) : ok(zip));
    });
  });
}

function nextEntry(zip: ZipFile): Promise<Result<Entry & { fileName: string }, ZipProblem> | undefined> {
  return new Promise((resolve) => {
    const cleanup = () => {
      zip.removeListener('entry', onEntry);
      zip.removeListener('end', onEnd);
      zip.removeListener('error', onError);
    };
    const onEntry = (entry: Entry) => {
      cleanup();
      const raw = entry.fileName as unknown as Buffer;
      const utf8 = (entry.generalPurposeBitFlag & 0x800) !== 0;
      // Legacy (non-UTF-8) names are CP437; every name an EPUB or DOCX needs is ASCII, which both agree on.
      const fileName = Buffer.isBuffer(raw) ? raw.toString(utf8 ? 'utf8' : 'latin1') : String(raw);
      resolve(ok(Object.assign(entry, { fileName })));
    };
    const onEnd = () => {
      cleanup();
      resolve(undefined);
    };
    const onError = () => {
      cleanup();
      resolve(err({ kind: 'not-zip' }));
    };
    zip.on('entry', onEntry);
    zip.once('end', onEnd);
    zip.once('error', onError);
    zip.readEntry();
  });
}

function inflate(zip: ZipFile, entry: Entry, budget: number): Promise<Buffer | 'over-budget' | 'corrupt'> {
  return new Promise((resolve) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return resolve('corrupt');
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > budget) {
          stream.destroy();
          resolve('over-budget');
          return;
        }
        chunks.push(chunk);
      });
      // yauzl stops an entry that inflates past the size its header declares: a zip bomb that lies.
      stream.on('error', (streamError: Error) => resolve(/too many bytes/i.test(streamError.message) ? 'over-budget' : 'corrupt'));
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}
