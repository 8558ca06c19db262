import { createMetricsStore, type MetricsStore } from "@churn/core/db";
import { getDatabase } from "./db.ts";

/** The metrics store's reads over the site's database client. */
export function getStore(): MetricsStore {
  return createMetricsStore(getDatabase());
}
