import { formatNumber } from "../../lib/format.ts";

export interface BarItem {
  readonly label: string;
  readonly value: number;
}

/**
 * Labelled horizontal bars as an HTML list (SHAP importance, per-column counts): the labels stay
 * selectable text and the widths are plain CSS.
 */
export function BarList({
  label,
  items,
  formatValue = formatNumber,
}: {
  readonly label: string;
  readonly items: readonly BarItem[];
  readonly formatValue?: (value: number) => string;
}) {
  const max = Math.max(0, ...items.map((item) => Math.abs(item.value)));

  return (
    <ul className="bar-list" aria-label={label}>
      {items.map((item) => (
        <li key={item.label}>
          <span className="bar-label">{item.label}</span>
          <span className="bar-track">
            <span
              className="bar-fill"
              style={{ width: `${max > 0 ? (Math.abs(item.value) / max) * 100 : 0}%` }}
            />
          </span>
          <span className="bar-value num">{formatValue(item.value)}</span>
        </li>
      ))}
    </ul>
  );
}
