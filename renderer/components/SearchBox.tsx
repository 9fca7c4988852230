import { useEffect, useState } from 'react';

interface SearchBoxProps {
  label: string;
  onSearch(text: string): void;
}

/** A search field that asks main only once typing pauses. */
export function SearchBox({ label, onSearch }: SearchBoxProps) {
  const [text, setText] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => onSearch(text.trim()), 200);
    return () => clearTimeout(timer);
  }, [text, onSearch]);
  return <input type="search" className="search" aria-label={label} placeholder={label} value={text} onChange={(e) => setText(e.target.value)} />;
}
