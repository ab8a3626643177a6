import type { AnswerPayload } from '../../api/applications.api';
import type { Evidence, Question } from '../../api/types';
import { fieldError } from '../../components/api-error';

/** Typing waits for a pause before saving; a click (yes/no, a choice) saves almost at once. */
export const TYPING_DELAY_MS = 900;
export const CLICK_DELAY_MS = 150;

export interface ValueEditorProps {
  question: Question;
  /** The stored value (undefined when the question has none yet). */
  value: unknown;
  description: string | undefined;
  /** The id of the question's title, which names the control. */
  labelledBy: string;
  describedBy: string;
  error: unknown;
  currency: string;
  applicationId: string;
  evidence: readonly Evidence[];
  onChange: (payload: AnswerPayload, delayMs: number) => void;
  onBlur: () => void;
}

/** The question's title and help name and describe the editor, whose own label would repeat them. */
export function namedBy({ labelledBy, describedBy }: ValueEditorProps) {
  return { 'aria-labelledby': labelledBy, 'aria-describedby': describedBy };
}

/** The name, description and value error of an editor made of one input (or one group of radios or checkboxes). */
export function controlProps(props: ValueEditorProps) {
  return { ...namedBy(props), error: fieldError(props.error, 'value') };
}

/** The ids a stored list answer (choices, files) holds, ignoring anything that is not one. */
export function readIds(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
