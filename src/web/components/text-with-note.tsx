import { Text } from '@mantine/core';
import type { MantineColor, TextProps } from '@mantine/core';
import type { ReactNode } from 'react';

export interface TextWithNoteProps {
  children: ReactNode;
  /** The smaller line under the text (who, since when, why); nothing shows while it is empty. */
  note?: ReactNode;
  noteColor?: MantineColor;
  weight?: TextProps['fw'];
  isNoteMonospace?: boolean;
}

/** A value in a table cell with an optional smaller line under it. */
export function TextWithNote({
  children,
  note,
  noteColor = 'dimmed',
  weight,
  isNoteMonospace,
}: TextWithNoteProps) {
  return (
    <>
      <Text size="sm" fw={weight}>
        {children}
      </Text>
      {note ? (
        <Text size="xs" c={noteColor} ff={isNoteMonospace ? 'monospace' : undefined}>
          {note}
        </Text>
      ) : null}
    </>
  );
}
