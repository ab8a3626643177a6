import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { MantineSpacing, SimpleGridProps } from '@mantine/core';
import type { ReactNode } from 'react';

export interface FactProps {
  label: ReactNode;
  children: ReactNode;
  testId?: string;
  /** The value's weight: a summary's headline facts stand out a little. */
  weight?: number;
  isMonospace?: boolean;
  /** The value brings its own typography (badges, deadline lines), so it is not wrapped in small text. */
  isBare?: boolean;
}

/** One labelled value of a summary: a small uppercase label over its value. */
export function Fact({ label, children, testId, weight, isMonospace = false, isBare = false }: FactProps) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {isBare ? (
        <div data-testid={testId}>{children}</div>
      ) : (
        <Text
          size="sm"
          component="div"
          fw={weight}
          ff={isMonospace ? 'monospace' : undefined}
          data-testid={testId}
        >
          {children}
        </Text>
      )}
    </Stack>
  );
}

/** The responsive grid a summary's facts stand in. */
export function Facts({
  cols = { base: 1, sm: 2 },
  spacing = 'md',
  children,
}: {
  cols?: SimpleGridProps['cols'];
  spacing?: MantineSpacing;
  children: ReactNode;
}) {
  return (
    <SimpleGrid cols={cols} spacing={spacing}>
      {children}
    </SimpleGrid>
  );
}
