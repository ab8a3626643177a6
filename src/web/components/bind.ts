import type { ChangeEvent } from 'react';

/**
 * The value and change handler of a text input or textarea kept in a `useState` string:
 * `<TextInput {...bindText(name, setName)} />`.
 */
export function bindText(value: string, setValue: (value: string) => void) {
  return {
    value,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setValue(event.currentTarget.value),
  };
}

/** The checked state and change handler of a checkbox or switch kept in a `useState` boolean. */
export function bindChecked(checked: boolean, setChecked: (checked: boolean) => void) {
  return {
    checked,
    onChange: (event: ChangeEvent<HTMLInputElement>) => setChecked(event.currentTarget.checked),
  };
}
