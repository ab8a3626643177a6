import { Checkbox, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorRight } from '../../api/types';

/** One checkbox per right, with its help text; the value keeps the rights in their canonical order. */
export function RightsCheckboxes<R extends OperatorRight>({
  label,
  rights,
  value,
  onChange,
  error,
  withAsterisk,
}: {
  label: string;
  rights: readonly R[];
  value: R[];
  onChange: (value: R[]) => void;
  error?: ReactNode;
  withAsterisk?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group
      label={label}
      withAsterisk={withAsterisk}
      value={value}
      onChange={(values) => onChange(rights.filter((right) => values.includes(right)))}
      error={error}
    >
      <Stack gap="xs" mt="xs">
        {rights.map((right) => (
          <Checkbox
            key={right}
            value={right}
            label={t(`rights.${right}`)}
            description={t(`rightsHelp.${right}`)}
          />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
