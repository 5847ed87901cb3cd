import { describe, expect, test } from "vitest";
import { extractReferences } from "../../../src/sources/incidents/references.ts";

// Explicit references read from custom fields, tags and text (docs/decisions/sources.md):
// by key where a key names them, by unmistakable shape in free text.

const refs = (
  sources: { fields?: Record<string, string>; tags?: string[]; texts?: string[] },
  home?: string,
) =>
  extractReferences(
    { fields: sources.fields ?? {}, tags: sources.tags ?? [], texts: sources.texts ?? [] },
    home,
  );

describe("custom fields, by key", () => {
  test("deployment, commit and change keys in any spelling", () => {
    expect(
      refs({
        fields: {
          "Deployment ID": "d-1042",
          git_sha: "9FCEB02D",
          pull_request: "acme/checkout#311",
        },
      }),
    ).toEqual({
      deployment: { id: "d-1042" },
      commitSha: "9fceb02d",
      change: { repository: "acme/checkout", suffix: "#311" },
    });
  });

  test("URLs under a key are read by their shape", () => {
    expect(
      refs({
        fields: {
          deployment: "https://github.com/acme/checkout/actions/runs/77",
          pr: "https://github.example.com/acme/checkout/pull/9",
          commit: "https://github.com/acme/checkout/commit/abcdef1234",
        },
      }),
    ).toEqual({
      deployment: { repository: "acme/checkout", suffix: "/actions/runs/77" },
      change: { repository: "acme/checkout", suffix: "#9" },
      commitSha: "abcdef1234",
    });
  });

  test("a commit key whose value is not hex names no commit; a change id is taken as written", () => {
    expect(refs({ fields: { commit: "latest", change: "PAY-12" } })).toEqual({
      change: { id: "PAY-12" },
    });
  });
});

describe("tags", () => {
  test("key:value and key=value tags", () => {
    expect(refs({ tags: ["env:prod", "deployment:d-7", "sha=c3c3c3c"] })).toEqual({
      deployment: { id: "d-7" },
      commitSha: "c3c3c3c",
    });
  });
});

describe("free text", () => {
  test("owner/repo#N, a SHA after the word commit, and deployment: ID", () => {
    expect(
      refs({ texts: ["Refunds broken by acme/checkout#12 (commit C3C3C3C), deployment: d-9"] }),
    ).toEqual({
      change: { repository: "acme/checkout", suffix: "#12" },
      commitSha: "c3c3c3c",
      deployment: { id: "d-9" },
    });
  });

  test("prose that merely looks like hex or numbers is no reference", () => {
    expect(
      refs({ texts: ["1234567 requests failed; deadbeef cafe; after deployment of v2; issue #4"] }),
    ).toEqual({});
  });

  test("a bare #N is a pull request of the home repository (GitHub issues) only", () => {
    expect(refs({ texts: ["since #12"] }, "acme/checkout")).toEqual({
      change: { repository: "acme/checkout", suffix: "#12" },
    });
    expect(refs({ texts: ["since #12"] })).toEqual({});
  });

  test("field values are free text too, after the texts", () => {
    expect(
      refs({
        fields: { note: "see https://github.com/acme/ledger/pull/3" },
        texts: ["acme/checkout#1"],
      }),
    ).toEqual({ change: { repository: "acme/checkout", suffix: "#1" } });
  });
});

test("a keyed field wins over a tag, and a tag over the title", () => {
  expect(
    refs({ fields: { commit: "aaaaaaa" }, tags: ["commit:bbbbbbb"], texts: ["commit ccccccc"] })
      .commitSha,
  ).toBe("aaaaaaa");
  expect(refs({ tags: ["commit:bbbbbbb"], texts: ["commit ccccccc"] }).commitSha).toBe("bbbbbbb");
});
