import { describe, expect, it } from 'vitest';
import { expectedAnswerType, holdsAnswerType } from '../../../src/answer/answer-type.js';

describe('expectedAnswerType', () => {
  it.each([
    ['On what date did the Trump Putin phone call happen?', 'day'],
    ['When was that?', 'time'],
    ['And when did Putin meet Witkoff?', 'time'],
    ['How many soldiers has Russia lost?', 'quantity'],
    ['How long did Trump and Putin talk on the phone?', 'quantity'],
    ['What percent is the tariff?', 'quantity'],
    ['How old is Steve Witkoff?', 'age'],
    ['Who is unlikely to head the Russian delegation?', 'person'],
    ['What is the name of Russia’s foreign minister?', 'person'],
  ])('GIVEN "%s" THEN it asks for a %s', (question, type) => {
    expect(expectedAnswerType(question)).toBe(type);
  });

  it.each([
    'How much can Trump actually deliver by himself?',
    'Is Russian media still covering Trump as much as when he started?',
    'What does Russia want when it comes to Ukraine and NATO?',
    'Why is the Kremlin treading carefully?',
  ])('GIVEN "%s" THEN no particular kind of answer is expected', (question) => {
    expect(expectedAnswerType(question)).toBeNull();
  });
});

describe('holdsAnswerType', () => {
  it('GIVEN dates THEN a day needs a day of a month or a weekday, a time also takes years and "three weeks after"', () => {
    expect(holdsAnswerType('Putin met Witkoff two days before 8 August.', 'day', '')).toBe(true);
    expect(holdsAnswerType('Three weeks after the inauguration, they spoke.', 'day', '')).toBe(false);
    expect(holdsAnswerType('Three weeks after the inauguration, they spoke.', 'time', '')).toBe(true);
    expect(holdsAnswerType('Medinsky was named back in 2022.', 'time', '')).toBe(true);
    expect(holdsAnswerType('The call was long awaited.', 'time', '')).toBe(false);
  });

  it('GIVEN numbers THEN a year is not a quantity, but "25 per cent", "an hour and a half" and "several more years" are', () => {
    expect(holdsAnswerType('a return to the 2014 borders', 'quantity', '')).toBe(false);
    expect(holdsAnswerType('an additional 25 per cent tariff', 'quantity', '')).toBe(true);
    expect(holdsAnswerType('it lasted almost an hour and a half', 'quantity', '')).toBe(true);
    expect(holdsAnswerType('to sustain the war for several more years', 'quantity', '')).toBe(true);
    expect(holdsAnswerType('Steve Witkoff, 68 years old, flew in.', 'age', '')).toBe(true);
    expect(holdsAnswerType('Steve Witkoff flew in on 8 August.', 'age', '')).toBe(false);
  });

  it('GIVEN a "who" question THEN a full name counts only when the question does not already give it', () => {
    const question = 'Who replaced Keith Kellogg?';
    expect(holdsAnswerType('Washington distanced Keith Kellogg from Moscow.', 'person', question)).toBe(false);
    expect(holdsAnswerType('Washington replaced him with Jane Smith.', 'person', question)).toBe(true);
    expect(holdsAnswerType('Russia’s deputy foreign minister has said the Kremlin would require guarantees.', 'person', 'Who is the foreign minister?')).toBe(false);
  });
});
