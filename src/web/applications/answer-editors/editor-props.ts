import type { AnswerPayload } from '../../api/applications.api';
import type { Evidence, Question } from '../../api/types';

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
