import Link from "next/link";
import { formatCount } from "../lib/format.ts";

/** Previous and next links over a paged list; `hrefFor` builds the link of a page number. */
export function Pager({
  page,
  pageSize,
  totalCount,
  hrefFor,
}: {
  readonly page: number;
  readonly pageSize: number;
  readonly totalCount: number;
  readonly hrefFor: (page: number) => string;
}) {
  const pageCount = Math.max(1, Math.ceil(totalCount / pageSize));
  const first = totalCount === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(totalCount, page * pageSize);

  return (
    <nav className="pager" aria-label="Pages">
      {page > 1 ? <Link href={hrefFor(page - 1)}>← Newer</Link> : <span>← Newer</span>}
      <span>
        {formatCount(first)}–{formatCount(last)} of {formatCount(totalCount)} (page {page} of{" "}
        {formatCount(pageCount)})
      </span>
      {page < pageCount ? <Link href={hrefFor(page + 1)}>Older →</Link> : <span>Older →</span>}
    </nav>
  );
}
