// The three CloudEvents HTTP shapes brought to one batch for the importer.
import { expect, it } from "vitest";
import { importText } from "../../../src/sources/cdevents/http.ts";

const CDEVENT = { context: { type: "dev.cdevents.service.deployed.0.3.0" }, subject: {} };
const body = JSON.stringify(CDEVENT);

it("wraps a structured CloudEvent into a batch", () => {
  const event = { specversion: "1.0", type: "t", data: CDEVENT };
  const text = importText(
    { "content-type": "application/cloudevents+json; charset=utf-8" },
    JSON.stringify(event),
  );
  expect(JSON.parse(text)).toEqual([event]);
});

it("passes a batch through as it is", () => {
  const batch = `[${body}]`;
  expect(importText({ "content-type": "application/cloudevents-batch+json" }, batch)).toBe(batch);
});

it("builds the CloudEvent of a binary-mode request from its ce- headers", () => {
  const headers = {
    "content-type": "application/json",
    "ce-specversion": "1.0",
    "ce-type": "dev.cdevents.service.deployed.0.3.0",
    "ce-id": "run-42",
    "ce-source": "%2Fci%2Facme",
    "ce-time": "2026-06-29T10:00:00Z",
    authorization: "Bearer x",
  };
  expect(JSON.parse(importText(headers, body))).toEqual([
    {
      specversion: "1.0",
      type: "dev.cdevents.service.deployed.0.3.0",
      id: "run-42",
      source: "/ci/acme",
      time: "2026-06-29T10:00:00Z",
      datacontenttype: "application/json",
      data: CDEVENT,
    },
  ]);
});

it("leaves NDJSON, and bodies that are not JSON, to the importer", () => {
  const ndjson = '{"kind":"deployment"}\n{"kind":"change"}';
  expect(importText({ "content-type": "application/json" }, ndjson)).toBe(ndjson);
  expect(importText({ "content-type": "application/json", "ce-type": "x" }, "{oops")).toBe("{oops");
  expect(importText({ "content-type": "application/cloudevents+json" }, "{oops")).toBe("{oops");
});
