import { Card, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The frame most case cards share: a card with a level-two title above its content. */
export function CaseCard({
  title,
  testId,
  children,
}: {
  title: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Card padding="md" data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}
