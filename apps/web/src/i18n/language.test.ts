import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language';

describe('detectLanguage', () => {
  it('prefers the stored choice', () => {
    expect(detectLanguage('ru', ['id-ID', 'en'])).toBe('ru');
  });

  it('ignores a stored value that is not a language we speak', () => {
    expect(detectLanguage('fr', ['id-ID'])).toBe('id');
  });

  it('takes the first browser language we speak, by primary subtag', () => {
    expect(detectLanguage(null, ['de-DE', 'ru-RU', 'en-US'])).toBe('ru');
    expect(detectLanguage(null, ['en-GB'])).toBe('en');
    expect(detectLanguage(null, ['in-ID'])).toBe('id');
  });

  it('falls back to English', () => {
    expect(detectLanguage(null, [])).toBe('en');
    expect(detectLanguage(null, ['fr-FR', 'de'])).toBe('en');
  });
});
