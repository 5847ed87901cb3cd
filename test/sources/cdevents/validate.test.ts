// Refusals before mapping: the CloudEvent envelope, the event type and version, and the
// vendored JSON schema, each naming the field as a JSON pointer.
import { describe, expect, it } from "vitest";
import { decodeEntry } from "../../../src/sources/cdevents/decode.ts";
import { cdevent, cloudEvent, deployed, MAP_CONTEXT } from "./events.ts";

const decode = (event: unknown) => decodeEntry(event, MAP_CONTEXT);

describe("schema validation", () => {
  it("names a missing required field by its pointer", () => {
    const event = deployed();
    delete (event.subject as { content: Record<string, unknown> }).content.environment;
    expect(decode(event)).toEqual({
      rejection: {
        kind: "deployment",
        field: "/subject/content/environment",
        code: "invalid_field",
        message: "/subject/content/environment: required",
      },
    });
  });

  it("lists every problem, the first one as the field", () => {
    const event = deployed();
    (event.context as Record<string, unknown>).timestamp = "yesterday";
    (event.subject as Record<string, unknown>).colour = "blue";
    expect(decode(event)).toMatchObject({
      rejection: {
        field: "/context/timestamp",
        message:
          '/context/timestamp: must match format "date-time"; /subject/colour: not allowed by the schema',
      },
    });
  });

  it("reports a malformed link once, not once per alternative", () => {
    const event = deployed();
    (event.context as Record<string, unknown>).links = [{ linkType: "SIDEWAYS" }];
    expect(decode(event)).toMatchObject({
      rejection: {
        field: "/context/links/0",
        message: "/context/links/0: must match a schema in anyOf",
      },
    });
  });
});

describe("event types", () => {
  it("refuses another version of a known type, naming the one accepted", () => {
    const event = cdevent("service.deployed.0.2.0", {});
    expect(decode(event)).toEqual({
      rejection: {
        kind: "deployment",
        field: "/context/type",
        code: "unknown_kind",
        message:
          "/context/type: dev.cdevents.service.deployed.0.2.0 is not a supported version of service.deployed; send dev.cdevents.service.deployed.0.3.0 (CDEvents v0.5.1)",
      },
    });
  });

  it("ignores CDEvent types no KPI uses, so a whole forwarded stream is not an error", () => {
    expect(decode(cdevent("taskrun.started.0.2.0", {}))).toEqual({
      ignored: "taskrun.started events are not used by any KPI",
    });
  });

  it("refuses a type that is not a CDEvent type, listing the accepted ones", () => {
    expect(decode(cdevent("nonsense", {}))).toMatchObject({
      rejection: {
        code: "unknown_kind",
        message: expect.stringMatching(/nonsense is not an accepted CDEvent type; accepted: /),
      },
    });
  });

  it("refuses CloudEvents that are not CDEvents", () => {
    expect(decode({ specversion: "1.0", type: "com.github.push", data: {} })).toMatchObject({
      rejection: { field: "/type", code: "unknown_kind" },
    });
  });

  it("refuses a CloudEvent whose type disagrees with its CDEvent", () => {
    const event = cloudEvent(deployed(), { type: "dev.cdevents.service.upgraded.0.3.0" });
    expect(decode(event)).toMatchObject({
      rejection: { field: "/context/type", code: "invalid_field" },
    });
  });
});

describe("CloudEvent envelope", () => {
  it("reads data_base64 and data given as JSON text", () => {
    const event = deployed();
    const text = JSON.stringify(event);
    const b64 = cloudEvent(event, {
      data: undefined,
      data_base64: Buffer.from(text).toString("base64"),
    });
    expect(decode(b64)).toHaveProperty("record.kind", "deployment");
    expect(decode(cloudEvent(event, { data: text }))).toHaveProperty("record.kind", "deployment");
  });

  it("refuses an event without a CDEvent in data", () => {
    expect(decode(cloudEvent(deployed(), { data: "not json" }))).toMatchObject({
      rejection: { field: "/data", code: "invalid_field" },
    });
    expect(decode(42)).toMatchObject({ rejection: { code: "invalid_json" } });
    expect(decode({ specversion: "1.0" })).toMatchObject({ rejection: { field: "/type" } });
  });
});
