import {
  COLUMNS,
  type ColumnSpec,
  canonicalColumnName,
  columnSpec,
  FEATURE_NAMES,
  TARGET_NAME,
} from "../schema/index.ts";

/** How each column of a file is read: a known column by its spec, any other as text. */
export interface HeaderPlan {
  /** Canonical names in file order; a blank header becomes `column_<position>`. */
  readonly names: readonly string[];
  /** The spec of each file column, `undefined` for a column the schema does not know. */
  readonly specs: readonly (ColumnSpec | undefined)[];
  readonly unknown: readonly string[];
  /** Known columns the file lacks (required features and optional ones alike). */
  readonly missing: readonly string[];
  readonly missingFeatures: readonly string[];
  /** Canonical names written more than once, each with the headers that produced it. */
  readonly duplicates: readonly { name: string; headers: string[] }[];
  readonly hasTarget: boolean;
}

/** Matches a file's header cells to the schema, tolerating case and spacing differences. */
export function planHeader(headers: readonly string[]): HeaderPlan {
  const names = headers.map(
    (header, index) => canonicalColumnName(header) || `column_${index + 1}`,
  );
  const present = new Set(names);

  const headersByName = new Map<string, string[]>();
  names.forEach((name, index) => {
    headersByName.set(name, [...(headersByName.get(name) ?? []), headers[index] ?? ""]);
  });
  const duplicates = [...headersByName]
    .filter(([, sameName]) => sameName.length > 1)
    .map(([name, sameName]) => ({ name, headers: sameName }));

  return {
    names,
    specs: names.map((name) => columnSpec(name)),
    unknown: names.filter((name) => columnSpec(name) === undefined),
    missing: COLUMNS.map((spec) => spec.name).filter((name) => !present.has(name)),
    missingFeatures: FEATURE_NAMES.filter((name) => !present.has(name)),
    duplicates,
    hasTarget: present.has(TARGET_NAME),
  };
}
