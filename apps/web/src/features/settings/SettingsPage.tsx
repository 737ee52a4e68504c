import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage } from '../../i18n';
import { isLanguage, languageNames, languages } from '../../i18n/language';
import { Page } from '../../ui/Page';

export default function SettingsPage() {
  const { t } = useTranslation();
  const selected = currentLanguage();
  return (
    <Page title={t('settings.title')}>
      <section className="card settings-card">
        <fieldset className="choice-group">
          <legend className="card__title">{t('settings.languageTitle')}</legend>
          <p className="card__lead">{t('settings.languageLead')}</p>
          {languages.map((language) => (
            <label className="choice" key={language} lang={language}>
              <input
                type="radio"
                name="language"
                value={language}
                checked={selected === language}
                onChange={(event) => {
                  if (isLanguage(event.target.value)) void changeLanguage(event.target.value);
                }}
              />
              <span className="choice__label">{languageNames[language]}</span>
            </label>
          ))}
        </fieldset>
      </section>
    </Page>
  );
}
