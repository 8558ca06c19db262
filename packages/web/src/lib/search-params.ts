import * as v from "valibot";

/** What Next.js hands a page as its search parameters. */
export type SearchParams = Readonly<Record<string, string | string[] | undefined>>;

/** The first value of a search parameter; repeated parameters keep their first occurrence. */
export function firstParam(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

const PageNumber = v.pipe(v.string(), v.regex(/^\d{1,6}$/), v.transform(Number), v.minValue(1));

/** The 1-based page number of a paged list; anything that is not a positive integer is page 1. */
export function parsePageNumber(params: SearchParams): number {
  const result = v.safeParse(PageNumber, firstParam(params, "page"));
  return result.success ? result.output : 1;
}

/** The parameter's value when it is one of `choices`, else `undefined` (no filter). */
export function parseChoice<const T extends string>(
  params: SearchParams,
  name: string,
  choices: readonly T[],
): T | undefined {
  const result = v.safeParse(v.picklist(choices), firstParam(params, name));
  return result.success ? result.output : undefined;
}

/** A query string from the given values, leaving out the undefined ones. */
export function toQueryString(values: Readonly<Record<string, string | number | undefined>>) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) query.set(name, String(value));
  }
  const text = query.toString();
  return text === "" ? "" : `?${text}`;
}
