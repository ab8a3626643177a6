import { ConfirmModal } from './confirm-modal';

export interface RemoveConfirmModalProps<T> {
  /** The row to remove; null keeps the modal closed. */
  item: T | null;
  onClose: () => void;
  title: string;
  /** What will be removed, in words that name the row. */
  message: (item: T) => string;
  confirmLabel: string;
  /** The removal's state: the button spins while it runs and its error shows in the modal. */
  mutation: { isPending: boolean; error: unknown };
  /** Starts the removal; `done` closes the modal once it has succeeded. */
  onConfirm: (item: T, done: () => void) => void;
}

/** "Remove this row?" for one row of a list: stays open with the error when the removal fails. */
export function RemoveConfirmModal<T>({
  item,
  onClose,
  title,
  message,
  confirmLabel,
  mutation,
  onConfirm,
}: RemoveConfirmModalProps<T>) {
  return (
    <ConfirmModal
      opened={item !== null}
      title={title}
      message={item === null ? '' : message(item)}
      confirmLabel={confirmLabel}
      loading={mutation.isPending}
      error={mutation.error}
      onClose={onClose}
      onConfirm={() => {
        if (item !== null) onConfirm(item, onClose);
      }}
    />
  );
}
