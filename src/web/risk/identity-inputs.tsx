import { TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { BilingualTextareas } from './bilingual-textareas';

/** The fields a profile and a rule both start with; the description's languages are `description.en` / `.ru`. */
type IdentityField = 'id' | 'name' | 'description.en' | 'description.ru';

/**
 * The id (fixed once saved), the name and the description in both languages of a risk profile or a rule, as the
 * risk engine limits them; labels come from the form's own section (`risk.rules.form` or `risk.rules.profileForm`).
 */
export function IdentityInputs({
  labels,
  inputProps,
  isIdReadOnly = false,
  testIdPrefix,
  descriptionMaxLength,
}: {
  labels: 'risk.rules.form' | 'risk.rules.profileForm';
  inputProps: (field: IdentityField) => GetInputPropsReturnType;
  isIdReadOnly?: boolean;
  /** The inputs' test ids: `<prefix>-id`, `<prefix>-name`, `<prefix>-description-en` / `-ru`. */
  testIdPrefix: string;
  descriptionMaxLength?: number;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t(`${labels}.id`)}
        description={t('risk.rules.form.idHint')}
        required
        readOnly={isIdReadOnly}
        maxLength={64}
        {...inputProps('id')}
        data-testid={`${testIdPrefix}-id`}
      />
      <TextInput
        label={t(`${labels}.name`)}
        required
        maxLength={200}
        {...inputProps('name')}
        data-testid={`${testIdPrefix}-name`}
      />
      <BilingualTextareas
        labels={{ en: t(`${labels}.descriptionEn`), ru: t(`${labels}.descriptionRu`) }}
        inputProps={(language) => inputProps(`description.${language}`)}
        testIdPrefix={`${testIdPrefix}-description`}
        maxLength={descriptionMaxLength}
      />
    </>
  );
}
