import { Parser } from 'htmlparser2';

/**
 * The text of every element named in `names` (qualified names, such as "dc:title"),
 * in document order, with its attributes. Enough for the small metadata files of
 * DOCX and EPUB; entity expansion is limited to XML's five predefined entities.
 */
export function xmlElements(xml: string, names: ReadonlySet<string>): { name: string; text: string; attributes: Record<string, string> }[] {
  const found: { name: string; text: string; attributes: Record<string, string> }[] = [];
  const open: { name: string; text: string; attributes: Record<string, string> }[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (names.has(name)) open.push({ name, text: '', attributes });
      },
      ontext(text) {
        const current = open.at(-1);
        if (current) current.text += text;
      },
      onclosetag(name) {
        if (names.has(name) && open.at(-1)?.name === name) {
          const element = open.pop()!;
          found.push({ ...element, text: element.text.replace(/\s+/g, ' ').trim() });
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  return found;
}
