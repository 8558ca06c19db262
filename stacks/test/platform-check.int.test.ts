import { describe, expect, it } from "vitest";
import { type PlatformCheck, platformCheck } from "./pulumi-mocks.ts";

describe("platformCheck", () => {
  it.each<[string, boolean, Record<string, string | undefined>, PlatformCheck]>([
    ["installed, under CI", true, { CI: "true" }, "run"],
    ["installed, on a workstation", true, {}, "run"],
    ["missing, under GitHub Actions", false, { CI: "true" }, "fail"],
    ["missing, under a CI that sets CI=1", false, { CI: "1" }, "fail"],
    ["missing, on a workstation", false, {}, "skip"],
    ["missing, with CI explicitly off", false, { CI: "false" }, "skip"],
    ["missing, with CI=0", false, { CI: "0" }, "skip"],
    ["missing, with CI empty", false, { CI: "" }, "skip"],
  ])("decides for a platform %s", (_, isInstalled, env, expected) => {
    const check = platformCheck(isInstalled, env);

    expect(check).toBe(expected);
  });
});
