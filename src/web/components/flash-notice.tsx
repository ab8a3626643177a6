import type { ReactNode } from 'react';
import { Notice } from './notice';
import type { NoticeProps } from './notice';

export type FlashNoticeProps = Omit<NoticeProps, 'tone' | 'children'> & {
  /** What just succeeded; nothing shows while it is empty. */
  message: ReactNode;
};

/** The word that an act succeeded, in a polite live region so screen readers announce it; closable given onClose. */
export function FlashNotice({ message, onClose, ...alert }: FlashNoticeProps) {
  return (
    <div role="status" aria-live="polite">
      {message ? (
        <Notice tone="success" withCloseButton={onClose !== undefined} onClose={onClose} {...alert}>
          {message}
        </Notice>
      ) : null}
    </div>
  );
}
