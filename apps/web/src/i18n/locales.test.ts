import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import type { Language } from './language';
import en from './locales/en.json';
import id from './locales/id.json';
import ru from './locales/ru.json';

const locales: Record<Language, unknown> = { en, ru, id };

function flatten(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

type Ast = ReturnType<IntlMessageFormat['getAst']>;

/** The option keys of every plural in a message, nested ones included. */
function pluralOptionSets(ast: Ast): string[][] {
  const sets: string[][] = [];
  for (const element of ast) {
    if ('options' in element) {
      const options = element.options as Record<string, { value: Ast }>;
      if ('pluralType' in element) sets.push(Object.keys(options).sort());
      for (const option of Object.values(options)) sets.push(...pluralOptionSets(option.value));
    }
  }
  return sets;
}

// CLDR plural categories for cardinals: the ones each language must spell out.
const requiredPlurals: Record<Language, string[]> = {
  en: ['one', 'other'],
  ru: ['few', 'many', 'one', 'other'],
  id: ['other'],
};

const english = flatten(en);

describe.each(Object.keys(locales) as Language[])('locale %s', (language) => {
  const messages = flatten(locales[language]);

  it('has exactly the keys of English', () => {
    expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('is valid ICU MessageFormat, with the plural forms the language needs', () => {
    let plurals = 0;
    for (const [key, message] of messages) {
      let ast: Ast;
      try {
        ast = new IntlMessageFormat(message, language).getAst();
      } catch (error) {
        throw new Error(`${language}:${key} does not parse: ${String(error)}`);
      }
      for (const options of pluralOptionSets(ast)) {
        const categories = options.filter((o) => !o.startsWith('='));
        expect(categories, `${language}:${key}`).toEqual(requiredPlurals[language]);
        plurals++;
      }
    }
    expect(plurals).toBeGreaterThan(10);
  });
});

describe('plurals render as a person would write them', () => {
  const format = (language: Language, message: string, values: Record<string, unknown>) =>
    String(new IntlMessageFormat(message, language).format(values));

  it('Russian picks one, few and many', () => {
    const minutes = flatten(ru).get('units.minutes')!;
    expect(format('ru', minutes, { count: 1 })).toBe('1 минута');
    expect(format('ru', minutes, { count: 3 })).toBe('3 минуты');
    expect(format('ru', minutes, { count: 500 })).toBe('500 минут');
    expect(format('ru', minutes, { count: 21 })).toBe('21 минута');
  });

  it('English and Indonesian', () => {
    expect(format('en', english.get('units.minutes')!, { count: 1 })).toBe('1 minute');
    expect(format('en', english.get('units.minutes')!, { count: 1500 })).toBe('1,500 minutes');
    expect(format('id', flatten(id).get('units.minutes')!, { count: 1500 })).toBe('1.500 menit');
  });
});
