import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe, useUpdateMe } from '../api/session.api';
import { LANGUAGES } from '../api/types';
import { changeLanguage, currentLanguage, isLanguage } from '../i18n/i18n';

// Language names are written in their own language, so a reader can find theirs whatever is shown now.
const languageNames: Record<(typeof LANGUAGES)[number], string> = { en: 'English', ru: 'Русский' };

export function LanguageSwitcher() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const updateMe = useUpdateMe();

  return (
    <NativeSelect
      aria-label={t('language.label')}
      data-testid="language-switcher"
      size="xs"
      w={120}
      value={currentLanguage()}
      data={LANGUAGES.map((value) => ({ value, label: languageNames[value] }))}
      onChange={(event) => {
        const language = event.currentTarget.value;
        if (!isLanguage(language)) return;
        void changeLanguage(language);
        // Signed in: save it to the user too, so e-mails and other devices follow.
        if (me && me.language !== language) updateMe.mutate({ language });
      }}
    />
  );
}
