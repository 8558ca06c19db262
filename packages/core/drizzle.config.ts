import { defineConfig } from "drizzle-kit";

// Generation needs no database: `pnpm --filter @churn/core db:generate --name <change>`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema.ts",
  out: "./drizzle",
});
