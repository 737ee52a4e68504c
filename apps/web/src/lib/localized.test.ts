import { describe, expect, it } from 'vitest';
import { countryName, pickText } from './localized';

describe('pickText', () => {
  it('uses the UI language and falls back to English', () => {
    const text = { en: 'Unlimited', ru: 'Безлимит' };
    expect(pickText(text, 'ru')).toBe('Безлимит');
    expect(pickText(text, 'id')).toBe('Unlimited');
    expect(pickText({ en: 'Unlimited', ru: '  ' }, 'ru')).toBe('Unlimited');
  });
});

describe('countryName', () => {
  it('names countries in the UI language', () => {
    expect(countryName('TR', 'en')).toBe('Türkiye');
    expect(countryName('TR', 'ru')).toBe('Турция');
    expect(countryName('DE', 'id')).toBe('Jerman');
  });

  it('returns the code when it is not a region', () => {
    expect(countryName('ZZZ', 'en')).toBe('ZZZ');
  });
});
