import { describe, expect, it } from "vitest";
import { databaseScaling } from "./database.ts";

describe("databaseScaling", () => {
  it.each([
    ["production", "4 ACU"],
    ["dev", "2 ACU"],
    ["pr-42", "2 ACU"],
  ])("pauses at zero and caps %s at %s", (stage, max) => {
    const scaling = databaseScaling(stage);

    expect(scaling).toEqual({ min: "0 ACU", max, pauseAfter: "10 minutes" });
  });
});
