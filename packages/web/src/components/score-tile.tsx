import { type ScoreBands, scoreTone } from "../lib/bands.ts";
import { formatScore } from "../lib/format.ts";

/** One score as a large figure on a red, yellow or green tile, like a dashboard stat panel. */
export function ScoreTile({
  label,
  value,
  note,
  bands,
}: {
  readonly label: string;
  readonly value: number | null | undefined;
  readonly note?: string;
  readonly bands?: ScoreBands;
}) {
  const tone = scoreTone(value, bands);
  return (
    <section className={`tile${tone === undefined ? "" : ` tone-${tone}`}`} aria-label={label}>
      <div className="tile-label">{label}</div>
      <div className="tile-value" data-testid={`tile-${label}`}>
        {formatScore(value)}
      </div>
      {note !== undefined && <div className="tile-note">{note}</div>}
    </section>
  );
}
