import { useId } from 'react';
import { TextField } from '../../components/TextField';

/** What the admin wants done with a stored secret on the next save. */
export type SecretEdit = { mode: 'keep' } | { mode: 'remove' } | { mode: 'replace'; text: string };

export const keepSecret: SecretEdit = { mode: 'keep' };

/** The value main expects: null keeps the stored secret, '' removes it, text replaces it. */
export function secretInput(edit: SecretEdit): string | null {
  if (edit.mode === 'remove') return '';
  if (edit.mode === 'replace' && edit.text !== '') return edit.text;
  return null;
}

interface SecretFieldProps {
  /** e.g. "Password", "API key". */
  label: string;
  /** The label inside a sentence, e.g. "password", "API key". */
  noun: string;
  stored: boolean;
  edit: SecretEdit;
  onEdit(edit: SecretEdit): void;
  error?: string | undefined;
  /** The form now names another server than the one the stored secret was entered for: saving drops it (main does). */
  serverChanged?: boolean;
}

/**
 * A secret the app keeps in the system keychain: never shown, only replaced or removed.
 *
 * Main never sends a stored secret back, so the field says that one is stored instead of
 * pretending to hold it, and typing starts a replacement.
 */
export function SecretField({ label, noun, stored, edit, onEdit, error, serverChanged = false }: SecretFieldProps) {
  const labelId = useId();

  if (!stored || edit.mode === 'replace') {
    return (
      <div className="secret-field">
        <TextField
          label={stored ? `New ${noun}` : label}
          type="password"
          autoComplete="new-password"
          autoFocus={stored}
          value={edit.mode === 'replace' ? edit.text : ''}
          onChange={(e) => onEdit({ mode: 'replace', text: e.target.value })}
          error={error}
          hint={stored ? `Leave empty to keep the stored ${noun}.` : `Kept in the system keychain, never in the app's files.`}
        />
        {stored ? (
          <button type="button" className="secret-field-undo" onClick={() => onEdit(keepSecret)}>
            Keep the stored {noun}
          </button>
        ) : null}
      </div>
    );
  }

  return (
    <div className="field secret-field" role="group" aria-labelledby={labelId}>
      <span className="field-label" id={labelId}>
        {label}
      </span>
      {edit.mode === 'keep' && serverChanged ? (
        <p className="secret-field-status banner banner-warning-box" role="status">
          The stored {noun} was entered for the saved server, so it is removed when you save: it never goes to another server. Enter the {noun} for the
          new server.
        </p>
      ) : (
        <p className="secret-field-status">{edit.mode === 'remove' ? `The stored ${noun} will be removed when you save.` : 'Stored in the system keychain.'}</p>
      )}
      <div className="secret-field-actions">
        {edit.mode === 'remove' ? (
          <button type="button" onClick={() => onEdit(keepSecret)}>
            Keep the stored {noun}
          </button>
        ) : (
          <>
            <button type="button" onClick={() => onEdit({ mode: 'replace', text: '' })}>
              Replace {noun}
            </button>
            <button type="button" className="danger-link" onClick={() => onEdit({ mode: 'remove' })}>
              Remove {noun}
            </button>
          </>
        )}
      </div>
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}
