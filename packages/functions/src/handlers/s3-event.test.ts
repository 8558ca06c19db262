import { describe, expect, it } from "vitest";
import { decodeS3Key, readDrops, type S3Event } from "./s3-event.ts";

function event(key: string, eventName = "ObjectCreated:Put"): S3Event {
  return {
    Records: [
      {
        eventName,
        s3: {
          bucket: { name: "churn-bucket" },
          object: { key, eTag: '"0123abcd"', sequencer: "0062E99A88DC407460" },
        },
      },
    ],
  };
}

describe("decodeS3Key", () => {
  it.each([
    ["data/input/customer+churn+%282%29.csv", "data/input/customer churn (2).csv"],
    ["data/input/a%2Bb.csv", "data/input/a+b.csv"],
    ["data/input/plain.csv", "data/input/plain.csv"],
  ])("decodes %s to %s", (key, expected) => {
    expect(decodeS3Key(key)).toBe(expected);
  });
});

describe("readDrops", () => {
  it("returns the decoded key, the ETag without quotes and the sequencer of a drop", () => {
    const drops = readDrops(event("data/input/my+file.csv"));

    expect(drops).toEqual([
      {
        isDrop: true,
        drop: {
          key: "data/input/my file.csv",
          etag: "0123abcd",
          version: "0123abcd",
          sequencer: "0062E99A88DC407460",
        },
      },
    ]);
  });

  it.each([
    ["data/processed/r1/a.csv", "ObjectCreated:Put", "not directly under data/input/"],
    ["data/input/", "ObjectCreated:Put", "not directly under data/input/"],
    ["data/input/nested/a.csv", "ObjectCreated:Put", "not directly under data/input/"],
    [
      "data/input/a.csv",
      "ObjectRemoved:Delete",
      "event ObjectRemoved:Delete does not create a file",
    ],
  ])("skips %s on %s", (key, eventName, reason) => {
    expect(readDrops(event(key, eventName))).toEqual([{ isDrop: false, key, reason }]);
  });
});
