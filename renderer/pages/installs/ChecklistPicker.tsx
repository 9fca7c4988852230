import { useEffect, useId, useState } from 'react';
import { SearchBox } from '../../components/SearchBox';

export interface Choice {
  id: number;
  label: string;
  detail: string;
}

interface ChecklistPickerProps {
  /** What is being chosen, plural: "Devices", "Users". */
  noun: string;
  load(search: string): Promise<Choice[]>;
  chosen: number[];
  onChange(ids: number[]): void;
  error: string | undefined;
}

/** Searchable checkboxes for choosing some of the devices or users at a level. */
export function ChecklistPicker({ noun, load, chosen, onChange, error }: ChecklistPickerProps) {
  const [search, setSearch] = useState('');
  const [choices, setChoices] = useState<Choice[]>([]);
  const errorId = useId();

  useEffect(() => {
    let current = true;
    void load(search).then((found) => {
      if (current) setChoices(found);
    });
    return () => {
      current = false;
    };
  }, [load, search]);

  const toggle = (id: number, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((c) => c !== id));

  return (
    <fieldset aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
      <legend>
        {noun} ({chosen.length} chosen)
      </legend>
      <SearchBox label={`Search ${noun.toLowerCase()}`} onSearch={setSearch} />
      <ul className="pick-list">
        {choices.map((c) => (
          <li key={c.id}>
            <label className="checkbox">
              <input type="checkbox" checked={chosen.includes(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
              {c.label} <span className="muted">({c.detail})</span>
            </label>
          </li>
        ))}
        {choices.length === 0 ? <li className="muted">No {noun.toLowerCase()} match.</li> : null}
      </ul>
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
