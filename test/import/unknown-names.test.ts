import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/load.ts";
import { ingestRules } from "../../src/import/ingest-rules.ts";
import { parseLine } from "../../src/import/parse-line.ts";
import { testConfig } from "./helpers.ts";

// A line naming a service the catalogue lacks is refused with the name it was probably
// meant to be; with an empty catalogue (usually a config that was not found) the message
// says so, since every line will be refused alike.

const line = (service: string) =>
  JSON.stringify({ kind: "incident", id: "i1", service, startedAt: "2026-06-01T10:00:00Z" });

describe("an unknown service", () => {
  it("is refused naming the catalogue's nearest service", () => {
    expect(parseLine(line("chekout"), ingestRules(testConfig()))).toMatchObject({
      code: "unknown_service",
      field: "service",
      message:
        'service "chekout" is not in the catalogue; did you mean "checkout"? (catalogue.accept_unknown_services is false)',
    });
  });

  it("is refused without a guess when nothing is close", () => {
    expect(parseLine(line("ledger"), ingestRules(testConfig()))).toMatchObject({
      message:
        'service "ledger" is not in the catalogue (catalogue.accept_unknown_services is false)',
    });
  });

  it("under an empty catalogue points at the missing config", () => {
    expect(parseLine(line("checkout"), ingestRules(defaultConfig()))).toMatchObject({
      message:
        'service "checkout" is not in the catalogue, which is empty: give --config (or KPI_CONFIG) the file with your teams',
    });
  });
});

describe("an unknown kind", () => {
  it("is refused naming the kind it was probably meant to be", () => {
    const outcome = parseLine('{"kind":"deploymnet","id":"d1"}', ingestRules(testConfig()));
    expect(outcome).toMatchObject({
      code: "unknown_kind",
      field: "kind",
      message: expect.stringMatching(
        /^unknown kind "deploymnet" \(did you mean "deployment"\?\); expected one of deployment, /,
      ),
    });
  });
});
