import type { Tone } from "../lib/bands.ts";

const STATUS_TONES: Readonly<Record<string, Tone | undefined>> = {
  processed: "good",
  running: undefined,
  rejected: "warn",
  failed: "bad",
};

/** A run's status as a coloured label. */
export function StatusBadge({ status }: { readonly status: string }) {
  const tone = STATUS_TONES[status];
  return <span className={`badge${tone === undefined ? "" : ` tone-${tone}`}`}>{status}</span>;
}

/** A yes/no verdict as a coloured label: red when the answer is the bad one. */
export function FlagBadge({
  isBad,
  yes,
  no,
}: {
  readonly isBad: boolean | null | undefined;
  readonly yes: string;
  readonly no: string;
}) {
  if (isBad === null || isBad === undefined) return <span className="muted">–</span>;
  return <span className={`badge ${isBad ? "tone-bad" : "tone-good"}`}>{isBad ? yes : no}</span>;
}
