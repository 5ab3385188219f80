import yazl from 'yazl';

/** A zip with the given entries, as yazl writes it. */
export async function zipOf(entries: Readonly<Record<string, Buffer | string>>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(entries)) zip.addBuffer(Buffer.from(data), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A .docx-shaped zip whose document.xml inflates to `bytes` of spaces (about 1,000:1). */
export function docxBomb(bytes: number): Promise<Buffer> {
  return zipOf({
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'word/document.xml': Buffer.alloc(bytes, 0x20),
  });
}

const CENTRAL_HEADER = 0x02014b50;

/**
 * The same bomb, but its central directory declares document.xml to be `declared`
 * bytes: a reader that trusts the header inflates far past what it budgeted.
 */
export async function lyingDocxBomb(bytes: number, declared: number): Promise<Buffer> {
  const zip = await docxBomb(bytes);
  for (let offset = 0; offset < zip.length - 46; offset += 1) {
    if (zip.readUInt32LE(offset) !== CENTRAL_HEADER) continue;
    const name = zip.subarray(offset + 46, offset + 46 + zip.readUInt16LE(offset + 28)).toString();
    if (name === 'word/document.xml') zip.writeUInt32LE(declared, offset + 24);
  }
  return zip;
}

/** Renames an entry in place (local and central headers), for names yazl refuses to write, such as "../". */
export function forgeEntryName(zip: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error('a forged name must keep its length');
  const forged = Buffer.from(zip);
  const needle = Buffer.from(from);
  for (let at = forged.indexOf(needle); at !== -1; at = forged.indexOf(needle, at + 1)) forged.write(to, at);
  return forged;
}

/** The first bytes of a PNG image: a binary that is not the document its name claims. */
export const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...new Array(64).fill(7)]);
