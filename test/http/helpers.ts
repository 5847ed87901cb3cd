// Shared fixtures for the exporter tests: a hand-built snapshot over several metrics and
// scopes, a SnapshotService whose load/compute calls are counted, and a real HTTP listener.
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import { emptyRecordSet, type RecordSet } from "../../src/domain/records.ts";
import type { KpiSnapshot, Sample } from "../../src/engine/snapshot-types.ts";
import { SelfMetrics } from "../../src/http/self-metrics.ts";
import { type Logger, SnapshotService } from "../../src/http/snapshot-service.ts";
import { KPI } from "../../src/vocabulary/kpi-catalogue.ts";

export const AS_OF = Date.parse("2026-06-30T00:00:00Z");

/** A few samples of several metrics at organisation, team and service scope. */
export function handSnapshot(asOf = AS_OF): KpiSnapshot {
  const samples: Sample[] = [
    { name: KPI.deploymentFrequency.name, labels: { window: "7d" }, value: 1.5 },
    { name: KPI.deploymentFrequency.name, labels: { window: "7d", team: "payments" }, value: 1 },
    {
      name: KPI.deploymentFrequency.name,
      // Deliberately not in the definition's label order.
      labels: { service: "checkout", window: "7d", team: "payments" },
      value: 0.5,
    },
    { name: KPI.deploymentFrequency.name, labels: { window: "30d" }, value: 0.8 },
    { name: KPI.deploymentFrequency.name, labels: { window: "30d", team: "search" }, value: 0.3 },
    { name: KPI.leadTime.name, labels: { window: "30d", quantile: "0.5" }, value: 7200 },
    { name: KPI.leadTime.name, labels: { window: "30d", quantile: "0.9" }, value: 86400 },
    {
      name: KPI.deploymentsTotal.name,
      labels: { team: "payments", service: "checkout", environment: "production" },
      value: 42,
    },
    {
      name: KPI.deploymentsTotal.name,
      labels: { team: "payments", service: "checkout", environment: "staging" },
      value: 7,
    },
    { name: KPI.vulnerabilitiesOpen.name, labels: { severity: "critical" }, value: 2 },
    { name: KPI.vulnerabilitiesOpen.name, labels: { team: "search", severity: "high" }, value: 0 },
    { name: KPI.costAttributionRatio.name, labels: { window: "30d" }, value: 0.75 },
  ];
  return { asOf, samples };
}

export interface CountingService {
  service: SnapshotService;
  self: SelfMetrics;
  calls: { load: number; compute: number };
  errors: string[];
}

/**
 * A SnapshotService over an in-memory RecordSet. By default compute returns handSnapshot();
 * tests override `compute` or `load` to fail, block or derive samples from the records.
 */
export function countingService(
  overrides: {
    records?: RecordSet;
    load?: () => Promise<RecordSet>;
    compute?: (records: RecordSet, asOf: number) => KpiSnapshot;
    counts?: () => Promise<Record<string, number>>;
  } = {},
): CountingService {
  const calls = { load: 0, compute: 0 };
  const errors: string[] = [];
  const logger: Logger = { info: () => {}, error: (message) => errors.push(message) };
  const self = new SelfMetrics({ version: "9.9.9-test" });
  const records = overrides.records ?? emptyRecordSet();
  const service = new SnapshotService({
    load: () => {
      calls.load++;
      return overrides.load ? overrides.load() : Promise.resolve(records);
    },
    compute: (loaded, asOf) => {
      calls.compute++;
      return overrides.compute ? overrides.compute(loaded, asOf) : handSnapshot(asOf);
    },
    asOf: () => AS_OF,
    counts: overrides.counts,
    self,
    logger,
  });
  return { service, self, calls, errors };
}

export interface Listening {
  url: string;
  close: () => Promise<void>;
}

/** Starts the app on an ephemeral port of the loopback interface. */
export function listen(app: Express): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, "127.0.0.1", (error?: Error) => {
      if (error) return reject(error);
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/** A promise with its resolve function, to hold a load() open while a test looks on. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** The series lines (no comments) of an exposition. */
export function seriesLines(exposition: string): string[] {
  return exposition.split("\n").filter((line) => line !== "" && !line.startsWith("#"));
}
