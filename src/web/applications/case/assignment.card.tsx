import { Button, Card, Group, Select, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAssignValidator } from '../../api/applications.api';
import { useValidators } from '../../api/users.api';
import type { ApplicationCase } from '../../api/types';
import { ApiErrorAlert } from '../../components/api-error';

export function AssignmentCard({ application }: { application: ApplicationCase }) {
  const { t } = useTranslation();
  const assign = useAssignValidator(application.id);
  const validators = useValidators();
  const options = (validators.data?.items ?? []).map((user) => ({
    value: user.id,
    label: `${user.name} (${user.email})`,
  }));
  const current = application.assignedValidatorId;
  if (current && !options.some((option) => option.value === current))
    options.push({ value: current, label: current });

  return (
    <Card padding="md" data-testid="assignment-card">
      <Title order={2} size="h4" mb="xs">
        {t('case.assignment.title')}
      </Title>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('case.assignment.validator')}
          placeholder={t('case.assignment.unassigned')}
          data={options}
          value={current}
          onChange={(value) => assign.mutate({ validatorId: value })}
          clearable
          searchable
          w={360}
        />
        {current ? (
          <Button
            variant="subtle"
            color="gray"
            onClick={() => assign.mutate({ validatorId: null })}
            loading={assign.isPending}
          >
            {t('case.assignment.unassign')}
          </Button>
        ) : null}
      </Group>
      <ApiErrorAlert error={assign.error} />
    </Card>
  );
}
