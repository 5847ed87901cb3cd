import { errorMessage } from "../../domain/error-message.ts";
import type { CollectorDeps } from "../collector.ts";
import { DAY_MS, isoDay } from "../focus/values.ts";
import { upstreamFetch } from "../upstream-fetch.ts";
import { type CloudCostResponse, cloudCostResponse } from "./response.ts";

// GET /cloudCost for one UTC day at a time: a day of item-level cloud costs is the most
// an answer holds (OpenCost's own example runs to megabytes for three days), and a day is
// also the unit a run restates.

/** OpenCost computes a day's costs per query: slower than a page of a REST API. */
const TIMEOUT_MS = 120_000;

export function cloudCostUrl(baseUrl: string, day: number): string {
  // The API may sit below a path (the UI's /model proxy): resolve relative to it.
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  const url = new URL("cloudCost", base);
  const start = new Date(day).toISOString().replace(".000Z", "Z");
  const end = new Date(day + DAY_MS).toISOString().replace(".000Z", "Z");
  url.searchParams.set("window", `${start},${end}`);
  url.searchParams.set("accumulate", "day");
  return url.toString();
}

/** Fetches one day; every exchange is counted by outcome, failures say which day and why. */
export async function fetchCloudCosts(
  baseUrl: string,
  day: number,
  api: CollectorDeps["api"],
): Promise<CloudCostResponse> {
  const url = cloudCostUrl(baseUrl, day);
  const what = `GET ${new URL(url).pathname} for ${isoDay(day)}`;
  let response: Response;
  try {
    response = await upstreamFetch(
      url,
      { headers: { accept: "application/json" } },
      { atLeastMs: TIMEOUT_MS },
    );
  } catch (error) {
    api.request("error");
    throw new Error(`${what}: ${errorMessage(error)}`, { cause: error });
  }
  api.request(response.status === 429 ? "rate_limited" : response.ok ? "ok" : "error");
  if (!response.ok) {
    const body = (await response.text().catch(() => "")).slice(0, 200);
    throw new Error(`${what}: HTTP ${response.status}${body ? `: ${body}` : ""}`);
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    throw new Error(`${what}: the answer is not JSON: ${errorMessage(error)}`);
  }
  const parsed = cloudCostResponse.safeParse(json);
  if (!parsed.success)
    throw new Error(`${what}: not a /cloudCost answer: ${parsed.error.issues[0]?.message}`);
  if (parsed.data.code !== 200)
    throw new Error(
      `${what}: code ${parsed.data.code}${parsed.data.message ? `: ${parsed.data.message}` : ""}`,
    );
  return parsed.data;
}
