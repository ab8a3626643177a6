import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A tab section's level-2 heading, with its help line under it and the section's main act on its right. */
export function SectionHeading({
  title,
  help,
  action,
}: {
  title: string;
  help?: string;
  action?: ReactNode;
}) {
  const heading = (
    <Title order={2} size="h4">
      {title}
    </Title>
  );
  return (
    <Group justify="space-between">
      {help ? (
        <Stack gap={2}>
          {heading}
          <Text size="sm" c="dimmed">
            {help}
          </Text>
        </Stack>
      ) : (
        heading
      )}
      {action}
    </Group>
  );
}
