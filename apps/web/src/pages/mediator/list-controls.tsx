import { Select } from 'antd';
import { useSearchParams } from 'react-router';

/**
 * A list's filters, sort and page kept in the address (?status=open&sort=-openedOn&page=2), so a
 * list can be bookmarked, shared and come back to. `set` changes some of them (null or '' removes
 * one) and, unless the page itself is changed, goes back to the first page: a new filter or order
 * starts from the top.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  const page = Number(params.get('page') ?? '1') || 1;
  return { params, set, page };
}

/**
 * The order of a list: one of the API's `sort=` keys (`-openedOn`: newest first), each worded by
 * the page. The list keeps the choice in the address as `sort`.
 */
export function SortSelect({
  label,
  value,
  sorts,
  wordFor,
  onChange,
  width = 200,
}: {
  /** The control's accessible name (排序). */
  label: string;
  value: string;
  sorts: readonly string[];
  wordFor(sort: string): string;
  onChange(sort: string): void;
  width?: number;
}) {
  return (
    <Select
      aria-label={label}
      value={value}
      onChange={onChange}
      style={{ width }}
      options={sorts.map((s) => ({ value: s, label: wordFor(s) }))}
    />
  );
}
