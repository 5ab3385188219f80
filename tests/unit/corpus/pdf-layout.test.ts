import { describe, expect, it } from 'vitest';
import { extractionNoise } from '../../../src/corpus/formats/noise.js';
import { findFurniture, pageLabels } from '../../../src/corpus/formats/pdf-furniture.js';
import { type Line, pageLines, readingOrder } from '../../../src/corpus/formats/pdf-lines.js';
import { joinLines } from '../../../src/corpus/formats/pdf-paragraphs.js';

const dictionary = new Set(['negotiations', 'cooperate']);
const isWord = (word: string) => dictionary.has(word);
const line = (page: number, y: number, text: string, x0 = 72, size = 11): Line => ({ page, text, x0, x1: x0 + text.length * 5, y, size });

describe('joining the lines of a PDF paragraph', () => {
  it('GIVEN a hyphen that split a word THEN the word is joined; a compound keeps its hyphen', () => {
    expect(joinLines(['the negoti-', 'ations began'], isWord)).toBe('the negotiations began');
    expect(joinLines(['a much-', 'anticipated call'], isWord)).toBe('a much-anticipated call');
    expect(joinLines(['the US-', 'Russia talks'], isWord)).toBe('the US-Russia talks');
  });

  it('GIVEN a soft hyphen, a closed-up dash and an ordinary line end THEN each joins as written', () => {
    expect(joinLines(['negoti\u00ad', 'ations'], isWord)).toBe('negotiations');
    expect(joinLines(['meanwhile—', 'mineral'], isWord)).toBe('meanwhile—mineral');
    expect(joinLines(['a partner –', 'one who'], isWord)).toBe('a partner – one who');
  });
});

describe('page furniture and page labels', () => {
  it('GIVEN a head repeated on every page and folios THEN both are dropped and the folios label the pages', () => {
    const pages = [0, 1, 2].map((page) => [line(page, 760, 'Carnegie Politika · Essays', 72, 9), line(page, 700, ['The talks began.', 'Sanctions remain.', 'Nobody expects a deal.'][page]!), line(page, 30, String(12 + page), 300, 9)]);
    const furniture = findFurniture(pages, () => 792, 11);
    expect(pages.flat().filter((candidate) => furniture.dropped.has(candidate)).map((candidate) => candidate.text)).toEqual([
      'Carnegie Politika · Essays', '12', 'Carnegie Politika · Essays', '13', 'Carnegie Politika · Essays', '14',
    ]);
    expect(pageLabels(3, null, furniture.folios)).toEqual(['12', '13', '14']);
  });

  it('GIVEN the PDF’s own page labels THEN they win; with no folios THEN pages count from 1', () => {
    expect(pageLabels(2, ['xi', 'xii'], new Map([[0, '5']]))).toEqual(['xi', 'xii']);
    expect(pageLabels(3, null, new Map())).toEqual(['1', '2', '3']);
  });
});

describe('lines and reading order', () => {
  it('GIVEN two columns sharing baselines THEN each column is read top to bottom, left first', () => {
    const runs = [0, 1, 2, 3].flatMap((row) => [
      { text: `left ${row}`, x: 72, y: 700 - row * 14, width: 200, size: 11 },
      { text: `right ${row}`, x: 318, y: 700 - row * 14, width: 200, size: 11 },
    ]);
    const lines = pageLines({ index: 0, width: 612, height: 792, runs });
    expect(readingOrder(lines, 612).map((candidate) => candidate.text)).toEqual(['left 0', 'left 1', 'left 2', 'left 3', 'right 0', 'right 1', 'right 2', 'right 3']);
  });

  it('GIVEN a raised footnote marker in a line THEN it is left out of the text', () => {
    const runs = [
      { text: 'the end of a paragraph.', x: 72, y: 700, width: 120, size: 11 },
      { text: '1', x: 193, y: 705, width: 4, size: 7 },
    ];
    expect(pageLines({ index: 0, width: 612, height: 792, runs }).map((candidate) => candidate.text)).toEqual(['the end of a paragraph.']);
  });
});

describe('extraction noise', () => {
  it('GIVEN prose THEN little noise; GIVEN symbol soup or unmapped glyphs THEN mostly noise', () => {
    expect(extractionNoise('Putin met Witkoff in Moscow, and both sides said the talks were useful.')).toBeLessThan(0.1);
    expect(extractionNoise('!"#$%&()*+,-./:;<=>?@[]^_{|}~ !"#$%&()*+,-./')).toBeGreaterThan(0.3);
    expect(extractionNoise('\ue000\ue001\ue002 \ue003\ue004\ufffd')).toBeGreaterThan(0.3);
  });
});
