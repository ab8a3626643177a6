import { Select } from '@mantine/core';
import type { SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Office } from '../api/types';
import { officeLabel } from './office-tree';

export type OfficeSelectProps = Omit<SelectProps, 'data'> & { offices: readonly Office[] };

/** A searchable, clearable choice of one office, each named as in the office table. */
export function OfficeSelect({ offices, ...select }: OfficeSelectProps) {
  const { t } = useTranslation();
  return (
    <Select
      data={offices.map((office) => ({ value: office.id, label: officeLabel(office) }))}
      searchable
      clearable
      nothingFoundMessage={t('common.nothingFound')}
      {...select}
    />
  );
}
