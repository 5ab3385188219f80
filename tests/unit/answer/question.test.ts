import { describe, expect, it } from 'vitest';
import { cleanQuestion, MAX_QUESTION_CHARS } from '../../../src/answer/question.js';

const cleaned = (raw: string) => {
  const result = cleanQuestion(raw);
  return result.ok ? result.value : result.error.code;
};

describe('cleanQuestion', () => {
  it('GIVEN Discord mentions, @everyone, emoji and a link THEN only the question remains', () => {
    expect(cleaned('<@123456789012345678> @everyone what does <@&987654321098765432> <:pog:123> Putin want? https://example.org/x')).toBe(
      'what does Putin want?',
    );
  });

  it('GIVEN markdown and a code block THEN the markup goes and the words stay', () => {
    expect(cleaned('**Why** did _Putin_ say `that`?\n```\nsanctions relief\n```')).toBe('Why did Putin say that? sanctions relief');
  });

  it('GIVEN a masked link, a spoiler, a heading and a list marker THEN the link text stays and no debris does', () => {
    expect(cleaned('**[click me](https://evil.example/phish)** what did Hegseth say ||spoiler||\n# heading\n- and `code`')).toBe(
      'click me what did Hegseth say spoiler heading and code',
    );
    expect(cleaned('[broken](https://x.example/a b) link, <https://x.example> and \\*escapes\\*?')).toBe('broken link, and escapes?');
  });

  it('GIVEN zero-width and right-to-left control characters THEN they are removed', () => {
    expect(cleaned('Wh\u200bat about\u202e NATO\u2066?')).toBe('What about NATO?');
  });

  it('GIVEN surrounding whitespace and another script THEN it is trimmed and kept', () => {
    expect(cleaned('   Что хочет Путин?  ')).toBe('Что хочет Путин?');
  });

  it('GIVEN only whitespace, mentions or punctuation THEN it is empty', () => {
    expect(cleaned('  <@123456789012345678>  ?! ')).toBe('QUESTION_EMPTY');
  });

  it(`GIVEN more than ${MAX_QUESTION_CHARS} characters after cleaning THEN it is too long`, () => {
    expect(cleaned('why '.repeat(200))).toBe('QUESTION_TOO_LONG');
    expect(cleaned(`${'a'.repeat(MAX_QUESTION_CHARS - 1)}?`)).not.toBe('QUESTION_TOO_LONG');
  });
});
