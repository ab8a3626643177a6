import { Button, Group, Stack, TextInput, Textarea } from '@mantine/core';
import type { ButtonProps, MantineSize, MantineSpacing } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useState } from 'react';
import type { ComponentPropsWithoutRef, ReactNode } from 'react';
import { bindText } from '../components/bind';
import { CaseErrorAlert } from './validation-shared';

/** What a case form reads from its write (a TanStack mutation fits): the refusal to explain, and whether it runs. */
export interface CaseWrite {
  error: unknown;
  isPending: boolean;
}

export type CaseSubmitProps = Omit<ButtonProps, 'loading' | 'disabled'> &
  Omit<ComponentPropsWithoutRef<'button'>, keyof ButtonProps | 'disabled'> & {
    write: CaseWrite;
    isDisabled?: boolean;
    'data-testid'?: string;
    children: ReactNode;
  };

/**
 * The close of a form that writes to the case: why the server refused the last try, in case terms (four eyes, wrong
 * state), then the button on the right that sends it and spins while it runs.
 */
export function CaseSubmit({ write, isDisabled, mt, ...button }: CaseSubmitProps) {
  return (
    <>
      <CaseErrorAlert error={write.error} />
      <Group justify="flex-end" mt={mt}>
        <Button {...button} disabled={isDisabled} loading={write.isPending} />
      </Group>
    </>
  );
}

/**
 * One act on the case outside a form (start the review, request the sign-off): its button while the act is allowed,
 * then why the server refused the last try (shown even once the act is no longer offered).
 */
export function CaseActionButton({
  isAllowed,
  write,
  mt,
  ...button
}: Omit<CaseSubmitProps, 'isDisabled'> & { isAllowed: boolean }) {
  return (
    <>
      {isAllowed ? (
        <Group mt={mt}>
          <Button {...button} loading={write.isPending} />
        </Group>
      ) : null}
      <CaseErrorAlert error={write.error} />
    </>
  );
}

export interface CaseTextFormProps {
  label: string;
  minRows: number;
  write: CaseWrite;
  /** Called with the trimmed text; `clear` empties the field (pass it as the write's `onSuccess`). */
  onSubmit: (text: string, clear: () => void) => void;
  submitLabel: string;
  submitProps?: Pick<ButtonProps, 'color' | 'size'>;
  fieldTestId?: string;
  submitTestId?: string;
  mt?: MantineSpacing;
}

/** The one-field form a case repeats (a comment, a notice's reasons, the reply to it): text, refusal, send. */
export function CaseTextForm({
  label,
  minRows,
  write,
  onSubmit,
  submitLabel,
  submitProps,
  fieldTestId,
  submitTestId,
  mt,
}: CaseTextFormProps) {
  const [text, setText] = useState('');
  return (
    <Stack gap="xs" mt={mt}>
      <Textarea
        label={label}
        autosize
        minRows={minRows}
        {...bindText(text, setText)}
        data-testid={fieldTestId}
      />
      <CaseSubmit
        {...submitProps}
        write={write}
        isDisabled={!text.trim()}
        onClick={() => onSubmit(text.trim(), () => setText(''))}
        data-testid={submitTestId}
      >
        {submitLabel}
      </CaseSubmit>
    </Stack>
  );
}

/** One text field of a case form as data: a growing textarea, or with `type` a one-line input. */
export interface CaseField<K extends string> {
  name: K;
  label: string;
  description?: string;
  isRequired?: boolean;
  /** A textarea's starting height. */
  minRows?: number;
  type?: 'text' | 'date' | 'datetime-local';
  /** A one-line input's earliest day. */
  min?: string;
  maxLength?: number;
  readOnly?: boolean;
  width?: number;
  testId?: string;
}

/**
 * The text fields of a case form, laid out from data and bound to their values (and the server's errors) in the
 * form (`useFields`); a field left out (`false`) is not shown. A field's test id is `<testIds>-<its name in
 * kebab case>` unless it names its own.
 */
export function CaseFields<K extends string>({
  form,
  fields,
  testIds,
  size,
}: {
  form: { getInputProps: (name: K) => GetInputPropsReturnType };
  fields: ReadonlyArray<CaseField<K> | false>;
  testIds?: string;
  size?: MantineSize;
}) {
  return fields.map((field) => {
    if (!field) return null;
    const { name, isRequired, minRows, type, min, width, testId, ...shown } = field;
    const kebabName = name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    const common = {
      ...shown,
      size,
      required: isRequired,
      w: width,
      'data-testid': testId ?? (testIds ? `${testIds}-${kebabName}` : undefined),
    };
    return type ? (
      <TextInput key={name} type={type} min={min} {...common} {...form.getInputProps(name)} />
    ) : (
      <Textarea key={name} autosize minRows={minRows} {...common} {...form.getInputProps(name)} />
    );
  });
}
