import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onClose(): void;
  /** When given, the dialog is a form: Enter submits, the primary button is its submit. */
  onSubmit?: (event: FormEvent) => void;
  submitLabel?: string;
  submitDisabled?: boolean;
  danger?: boolean;
  children: ReactNode;
  wide?: boolean;
}

/**
 * A modal dialog on the native <dialog> element.
 *
 * The browser gives it a focus trap, Escape to close and an inert page behind it, so it is
 * keyboard-usable without extra code. Closing it puts focus back where it was when it opened,
 * so a keyboard user carries on from there instead of from the top of the page.
 */
export function Dialog({ title, onClose, onSubmit, submitLabel = 'Save', submitDisabled, danger, children, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit?.(event);
  }

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-label={title}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 className="dialog-title">{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {onSubmit ? 'Cancel' : 'Close'}
          </button>
          {onSubmit ? (
            <button type="submit" className={danger ? 'danger' : 'primary'} disabled={submitDisabled}>
              {submitLabel}
            </button>
          ) : null}
        </div>
      </form>
    </dialog>
  );
}
