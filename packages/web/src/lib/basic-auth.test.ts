import { describe, expect, it } from "vitest";
import { isAuthorized, siteCredentials } from "./basic-auth.ts";

const basic = (text: string) => `Basic ${Buffer.from(text, "utf8").toString("base64")}`;

describe("siteCredentials", () => {
  it("returns undefined when SITE_PASSWORD is unset or empty", () => {
    expect(siteCredentials({})).toBeUndefined();
    expect(siteCredentials({ SITE_PASSWORD: "" })).toBeUndefined();
  });

  it("defaults the user name to churn", () => {
    expect(siteCredentials({ SITE_PASSWORD: "s3cret" })).toEqual({
      user: "churn",
      password: "s3cret",
    });
  });

  it("takes the user name from SITE_USER", () => {
    expect(siteCredentials({ SITE_PASSWORD: "p", SITE_USER: "ops" })?.user).toBe("ops");
  });

  it("reads the deployment's CHURN_SITE_ names when the short names are unset", () => {
    const credentials = siteCredentials({
      CHURN_SITE_PASSWORD: "from-secret",
      CHURN_SITE_USERNAME: "viewer",
    });

    expect(credentials).toEqual({ user: "viewer", password: "from-secret" });
  });
});

describe("isAuthorized", () => {
  const credentials = { user: "churn", password: "pä:ss" };

  it.each([
    ["the right user and password", basic("churn:pä:ss"), true],
    ["a wrong password", basic("churn:pass"), false],
    ["a longer password", basic("churn:pä:ss!"), false],
    ["a wrong user", basic("admin:pä:ss"), false],
    ["no colon", basic("churn"), false],
    ["another scheme", "Bearer abc", false],
    ["broken base64", "Basic ***", false],
    ["no header", null, false],
  ])("answers for %s", (_case, header, expected) => {
    expect(isAuthorized(header, credentials)).toBe(expected);
  });
});
