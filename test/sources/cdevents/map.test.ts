// CDEvent → import-format record, with literal events (docs/cdevents.md, mapping table).
import { describe, expect, it } from "vitest";
import { decodeEntry } from "../../../src/sources/cdevents/decode.ts";
import { AT, cdevent, deployed, incident, MAP_CONTEXT, SHA } from "./events.ts";

const decode = (event: unknown) => decodeEntry(event, MAP_CONTEXT);

describe("service events", () => {
  it("maps service.deployed to a deployment identified by context.id", () => {
    expect(decode(deployed({ id: "run-42" }))).toEqual({
      record: {
        kind: "deployment",
        id: "run-42",
        service: "checkout",
        environment: "production",
        finishedAt: AT,
        commitSha: SHA,
      },
      from: expect.objectContaining({ commitSha: "/subject/content/artifactId" }),
    });
  });

  it("reads the commit from a purl vcs_url qualifier", () => {
    const artifactId = `pkg:oci/checkout@sha256%3Aabc?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme%2Fcheckout%40${SHA.toUpperCase()}`;
    expect(decode(deployed({ artifactId }))).toMatchObject({ record: { commitSha: SHA } });
  });

  it("lets customData.kpi name the service, commit and shipped changes", () => {
    const kpi = { service: "payments-api", commitSha: "ABC1234", changes: ["acme/checkout#7"] };
    const decoded = decode(deployed({ artifactId: "pkg:oci/checkout@sha256%3Aabc", kpi }));
    expect(decoded).toMatchObject({
      record: { service: "payments-api", commitSha: "ABC1234", changes: ["acme/checkout#7"] },
      from: { service: "/customData/kpi/service", changes: "/customData/kpi/changes" },
    });
  });

  it.each(["upgraded", "rolledback"])("maps service.%s like service.deployed", (predicate) => {
    const event = deployed({ predicate, kpi: { rollbackOf: "run-41" } });
    expect(decode(event)).toMatchObject({
      record: { kind: "deployment", commitSha: SHA, rollbackOf: "run-41" },
    });
  });

  it("says service.rolledback's commit is a strict ancestor of the previous one's (decision 136)", () => {
    expect(decode(deployed({ predicate: "rolledback" }))).toMatchObject({
      record: { ancestorOfPrevious: true },
      from: { ancestorOfPrevious: "/context/type" },
    });
    for (const predicate of ["deployed", "upgraded"]) {
      const decoded = decode(deployed({ predicate })) as { record: Record<string, unknown> };
      expect(decoded.record).not.toHaveProperty("ancestorOfPrevious");
    }
    const overridden = decode(
      deployed({ predicate: "rolledback", kpi: { ancestorOfPrevious: false } }),
    );
    expect(overridden).toMatchObject({
      record: { ancestorOfPrevious: false },
      from: { ancestorOfPrevious: "/customData/kpi/ancestorOfPrevious" },
    });
  });
});

describe("change.merged", () => {
  const merged = (repository?: string, customData?: unknown) =>
    cdevent(
      "change.merged.0.3.0",
      { id: "17", content: repository ? { repository: { id: repository } } : {} },
      { customData },
    );

  it("scopes the id by the catalogue's spelling of the repository, as GitHub's changes are", () => {
    expect(decode(merged("ACME/checkout"))).toMatchObject({
      record: { kind: "change", id: "acme/checkout#17", service: "checkout", mergedAt: AT },
    });
    const prefixed = cdevent("change.merged.0.3.0", {
      id: "Acme/Checkout#17",
      content: { repository: { id: "Acme/Checkout" } },
    });
    expect(decode(prefixed)).toMatchObject({ record: { id: "acme/checkout#17" } });
  });

  it("rejects a change whose service cannot be found, naming the repository", () => {
    expect(decode(merged("acme/unknown"))).toEqual({
      rejection: expect.objectContaining({
        kind: "change",
        field: "/subject/content/repository/id",
        message: expect.stringMatching(/"acme\/unknown" is in no catalogue service/),
      }),
    });
    expect(decode(merged(undefined, { kpi: { service: "checkout" } }))).toMatchObject({
      record: { id: "17", service: "checkout" },
    });
  });
});

describe("pipelineRun.finished", () => {
  const finished = (customData?: unknown) =>
    cdevent(
      "pipelinerun.finished.0.3.0",
      { id: "run-9", content: { pipelineName: "sast", outcome: "success", uri: "https://ci/9" } },
      { customData },
    );

  it("becomes a check on the commit customData.kpi names", () => {
    expect(decode(finished({ kpi: { commitSha: SHA, service: "checkout" } }))).toMatchObject({
      record: {
        kind: "check",
        commitSha: SHA,
        name: "sast",
        conclusion: "success",
        completedAt: AT,
        url: "https://ci/9",
        service: "checkout",
      },
    });
  });

  it("rejects a run without a commit", () => {
    expect(decode(finished())).toMatchObject({
      rejection: { kind: "check", field: "/customData/kpi/commitSha", code: "invalid_field" },
    });
    expect(decode(finished({ kpi: [] }))).toMatchObject({
      rejection: { field: "/customData/kpi", message: expect.stringMatching(/expected an object/) },
    });
  });
});

describe("other events", () => {
  it("accepts and ignores change.created and change.reviewed", () => {
    const created = cdevent("change.created.0.4.0", { id: "17", content: {} });
    expect(decode(created)).toEqual({ ignored: expect.stringMatching(/change\.created/) });
  });

  it("turns incidents into facts, ignoring non-production ones", () => {
    expect(decode(incident("reported"))).toEqual({
      incident: {
        id: "INC-1",
        startedAt: Date.parse(AT),
        fields: expect.objectContaining({
          service: "checkout",
          url: "https://tickets.example/INC-1",
        }),
        from: expect.any(Object),
      },
    });
    expect(decode(incident("resolved"))).toMatchObject({
      incident: { resolvedAt: Date.parse(AT) },
    });
    expect(decode(incident("detected", { environment: "staging" }))).toEqual({
      ignored: "incident INC-1 is in non-production environment staging",
    });
  });
});
