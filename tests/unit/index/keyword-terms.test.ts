import { describe, expect, it } from 'vitest';
import { keywordTermsOf } from '../../../src/index/keyword-terms.js';

describe('keywordTermsOf', () => {
  // Split at the apostrophe, these left terms no passage has ("doesn", "isn", "re") or the wrong word ("won"),
  // each lowering every passage's coverage of the question.
  it('GIVEN contractions THEN they leave no fragment behind, and "won\'t" is not the word "won"', () => {
    expect(keywordTermsOf("Why doesn't the Kremlin trust them? Won't Moscow stop? Isn't it? We're sure they've and I'll go")).toEqual([
      'kremlin',
      'trust',
      'moscow',
      'stop',
      'sure',
      'go',
    ]);
    expect(keywordTermsOf('Who won the vote?')).toEqual(['won', 'vote']);
  });

  it('GIVEN apostrophe look-alikes (‘ ʼ ` ´) THEN contractions are undone all the same', () => {
    expect(keywordTermsOf('Moscow doesnʼt care, won`t stop, isn‘t sure, can´t win')).toEqual(['moscow', 'care', 'stop', 'sure', 'win']);
  });

  it('GIVEN chat spellings without the apostrophe THEN they are function words like their spelled-out forms', () => {
    expect(keywordTermsOf('whats the deal, doesnt putin care, isnt it over')).toEqual(['deal', 'putin', 'care']);
  });

  it('GIVEN possessives and typographic apostrophes THEN the word stays whole', () => {
    expect(keywordTermsOf('Putin’s goals and Trump\'s envoy')).toEqual(['putin', 'goal', 'trump', 'envoi']);
  });
});
