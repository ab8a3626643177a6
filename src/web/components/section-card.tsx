import { Card, Group, Title } from '@mantine/core';
import type { CardProps } from '@mantine/core';
import type { ReactNode } from 'react';

export type SectionCardProps = Omit<CardProps, 'title'> & {
  /** The card's heading (a level-2 title, h4-sized), or nothing for a card without one. */
  title?: ReactNode;
  /** Buttons or badges on the heading's right. */
  actions?: ReactNode;
  'data-testid'?: string;
  children?: ReactNode;
};

/** A bordered section of a page: a padded card with an optional heading and heading actions, then its content. */
export function SectionCard({ title, actions, children, ...cardProps }: SectionCardProps) {
  const heading =
    title === undefined ? null : (
      <Title order={2} size="h4" mb={actions ? undefined : 'xs'}>
        {title}
      </Title>
    );
  return (
    <Card padding="md" {...cardProps}>
      {actions ? (
        <Group justify="space-between" align="flex-start" mb="xs" wrap="wrap">
          {heading}
          <Group gap="xs">{actions}</Group>
        </Group>
      ) : (
        heading
      )}
      {children}
    </Card>
  );
}
