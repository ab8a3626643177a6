import { Button, Card, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Icon } from './icons';

export interface SearchCardProps {
  label: string;
  description?: string;
  buttonLabel: string;
  /** Called with the trimmed text when the search is submitted (not on every keystroke). */
  onSearch: (text: string) => void;
  maxLength?: number;
  /** The input's width. */
  width?: number;
  /** The input's test id. */
  'data-testid'?: string;
}

/** A card holding one search box and its button; the list below changes only when the search is submitted. */
export function SearchCard({
  label,
  description,
  buttonLabel,
  onSearch,
  maxLength,
  width,
  'data-testid': testId,
}: SearchCardProps) {
  const [text, setText] = useState('');
  return (
    <Card padding="md">
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          onSearch(text.trim());
        }}
      >
        <Group align="flex-end">
          <TextInput
            label={label}
            description={description}
            value={text}
            maxLength={maxLength}
            onChange={(event) => setText(event.currentTarget.value)}
            w={width}
            data-testid={testId}
          />
          <Button type="submit" variant="default" leftSection={<Icon name="search" size={16} />}>
            {buttonLabel}
          </Button>
        </Group>
      </form>
    </Card>
  );
}
