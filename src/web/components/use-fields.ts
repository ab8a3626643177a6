import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { fieldError } from './api-error';

/**
 * A form's values (@mantine/form, controlled) with the server's field errors beside their controls:
 *
 *     const save = useSaveRule();
 *     const form = useFields({ name: '', active: false }, save.error);
 *     <TextInput label={…} {...form.getInputProps('name')} />               // value, onChange, error
 *     <Switch label={…} {...form.getInputProps('active', { type: 'checkbox' })} />
 *     save.mutate({ name: form.values.name.trim() });
 *
 * A field's error is the server's message for its path (validation_failed → details.fields, `body.` stripped);
 * `errorPaths` names the server path where it differs from the field's (`{ partyId: 'params.partyId' }`).
 */
export function useFields<Values extends Record<string, unknown>>(
  initialValues: Values,
  serverError: unknown,
  errorPaths: Partial<Record<keyof Values, string>> = {},
) {
  return useForm<Values>({
    mode: 'controlled',
    initialValues,
    enhanceGetInputProps: ({ field, inputProps }) => {
      const own = inputProps.error as ReactNode;
      return { error: own ?? fieldError(serverError, errorPaths[field as keyof Values] ?? String(field)) };
    },
  });
}
