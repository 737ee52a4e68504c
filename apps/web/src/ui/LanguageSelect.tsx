import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage } from '../i18n';
import { isLanguage, languageNames, languageShortNames, languages } from '../i18n/language';
import { Icon } from './Icon';

/** The compact language switch of the header. */
export function LanguageSelect() {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="language-select">
      <label htmlFor={id} className="sr-only">
        {t('language.label')}
      </label>
      <Icon name="language" size={18} className="language-select__icon" />
      <select
        id={id}
        data-testid="header-language"
        value={currentLanguage()}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void changeLanguage(event.target.value);
        }}
      >
        {languages.map((language) => (
          <option key={language} value={language} lang={language} title={languageNames[language]}>
            {languageShortNames[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
