import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { within } from '../../../src/core/within.js';

describe('within', () => {
  it('GIVEN work that settles in time THEN its value; GIVEN slower work THEN "late"', async () => {
    expect(await within(sleep(5, 'done'), 1_000)).toBe('done');
    expect(await within(sleep(1_000, 'done'), 5)).toBe('late');
  });

  it('GIVEN work that fails in time THEN the failure surfaces', async () => {
    await expect(within(Promise.reject(new Error('no answer')), 1_000)).rejects.toThrow('no answer');
  });
});
