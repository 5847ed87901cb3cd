// The CDEvents v0.5.1 conformance examples (fixtures/conformance, copied from cdevents/spec):
// each validates against its vendored schema and maps, or is refused for the data the
// contract needs and the example lacks, with a message saying what to add.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeEntry } from "../../../src/sources/cdevents/decode.ts";
import { acceptedTypes, validatorFor } from "../../../src/sources/cdevents/schemas.ts";
import { cloudEvent, MAP_CONTEXT } from "./events.ts";

const DIR = new URL("./fixtures/conformance/", import.meta.url);
const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`${name}.json`, DIR), "utf8")) as Record<string, unknown>;
const NAMES = readdirSync(DIR).map((file) => file.replace(/\.json$/, ""));

// Their incidents happen in environment prod1, which the default pattern does not call production.
const PROD1 = { ...MAP_CONTEXT, isProduction: (environment: string) => /^prod/.test(environment) };

const NO_COMMIT =
  /\/subject\/content\/artifactId: "pkg:oci\/myapp@sha256%3A.*" carries no commit SHA .*set customData\.kpi\.commitSha$/;

const EXPECTED: Record<string, unknown> = {
  change_created: { ignored: expect.any(String) },
  change_reviewed: { ignored: expect.any(String) },
  change_merged: {
    rejection: expect.objectContaining({
      field: "/subject/content/repository/id",
      message: expect.stringMatching(
        /"TestRepo\/TestOrg" is in no catalogue service's repositories/,
      ),
    }),
  },
  service_deployed: {
    rejection: expect.objectContaining({ message: expect.stringMatching(NO_COMMIT) }),
  },
  service_upgraded: {
    rejection: expect.objectContaining({ message: expect.stringMatching(NO_COMMIT) }),
  },
  service_rolledback: {
    rejection: expect.objectContaining({ message: expect.stringMatching(NO_COMMIT) }),
  },
  pipelinerun_finished: {
    rejection: expect.objectContaining({
      field: "/customData/kpi/commitSha",
      message: expect.stringMatching(/pipelineRun\.finished names no commit/),
    }),
  },
  incident_detected: {
    incident: expect.objectContaining({
      id: "incident-123",
      startedAt: Date.parse("2022-11-11T13:52:20.079Z"),
      fields: expect.objectContaining({
        service: "myApp",
        title: "Response time above threshold of 100ms",
      }),
    }),
  },
  incident_reported: {
    incident: expect.objectContaining({
      fields: expect.objectContaining({ url: "https://my-issues.example/incidents/ticket-345" }),
    }),
  },
  incident_resolved: {
    incident: expect.objectContaining({ resolvedAt: Date.parse("2022-11-11T13:52:20.079Z") }),
  },
};

describe("CDEvents conformance examples", () => {
  it("cover every vendored schema", () => {
    const types = NAMES.map((name) => (example(name).context as { type: string }).type);
    expect(types.sort()).toEqual(acceptedTypes());
  });

  it.each(NAMES)("%s is valid against its schema", (name) => {
    const event = example(name);
    const validate = validatorFor((event.context as { type: string }).type);
    expect(validate?.(event), JSON.stringify(validate?.errors)).toBe(true);
  });

  it.each(NAMES)("%s decodes as documented, bare and inside a CloudEvent", (name) => {
    const event = example(name);
    expect(decodeEntry(event, PROD1)).toEqual(EXPECTED[name]);
    expect(decodeEntry(cloudEvent(event), PROD1)).toEqual(EXPECTED[name]);
  });

  it("maps the deployment examples once the commit is given", () => {
    const event = { ...example("service_deployed"), customData: { kpi: { commitSha: "9f3c2e1" } } };
    expect(decodeEntry(event, PROD1)).toMatchObject({
      record: {
        kind: "deployment",
        id: "271069a8-fc18-44f1-b38f-9d70a1695819",
        service: "mySubject123",
        environment: "test123",
        finishedAt: "2023-03-20T14:27:05.315384Z",
        commitSha: "9f3c2e1",
      },
    });
  });
});
