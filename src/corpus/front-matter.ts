import { parse as parseYaml } from 'yaml';
import type { DocumentMetadata } from './document.js';

/** Picks the fields citebot uses from a YAML front-matter block; anything else is ignored. */
export function readFrontMatter(yamlText: string): DocumentMetadata {
  let data: unknown;
  try {
    data = parseYaml(yamlText.replace(/\r\n?/g, '\n'));
  } catch {
    return {};
  }
  if (typeof data !== 'object' || data === null) return {};
  const record = data as Record<string, unknown>;
  const text = (key: string) => {
    const value = record[key];
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const sourceUrl = text('source_url');
  return {
    ...(text('title') ? { title: text('title') } : {}),
    ...(sourceUrl && /^https?:\/\/[^\s/]\S*$/i.test(sourceUrl) ? { sourceUrl } : {}),
    ...(text('date') ? { date: text('date') } : {}),
  };
}
