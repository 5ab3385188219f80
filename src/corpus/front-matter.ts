import { parse as parseYaml } from 'yaml';
import type { DocumentMetadata } from './document.js';

const MAX_FIELD = 500;
const MAX_AUTHORS = 50;
const HTTP_URL = /^https?:\/\/[^\s/]\S*$/i;

/** Picks the fields citebot uses from a YAML block (front matter or a `.meta.yaml` sidecar); anything else is ignored. */
export function readFrontMatter(yamlText: string): DocumentMetadata {
  let data: unknown;
  try {
    data = parseYaml(yamlText.replace(/\r\n?/g, '\n'));
  } catch {
    return {};
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
  return metadataFromRecord(data as Record<string, unknown>);
}

function metadataFromRecord(record: Record<string, unknown>): DocumentMetadata {
  const text = (key: string) => textValue(record[key]);
  const sourceUrl = text('source_url');
  const authors = authorList(record.authors ?? record.author);
  return {
    ...(text('title') ? { title: text('title') } : {}),
    ...(authors.length > 0 ? { authors } : {}),
    ...(text('publication') ? { publication: text('publication') } : {}),
    ...(sourceUrl && HTTP_URL.test(sourceUrl) ? { sourceUrl } : {}),
    ...(text('date') ? { date: text('date') } : {}),
    ...(text('retrieved') ? { retrieved: text('retrieved') } : {}),
  };
}

function textValue(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, MAX_FIELD) : undefined;
}

/** `author: "A"`, `authors: [A, B]` or `authors: "A; B"`. */
function authorList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s*;\s*/) : [];
  return items.map(textValue).filter((name): name is string => name !== undefined).slice(0, MAX_AUTHORS);
}

export function isHttpUrl(value: string): boolean {
  return HTTP_URL.test(value);
}
