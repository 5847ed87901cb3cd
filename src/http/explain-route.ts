// GET /api/v1/deployments/{id}: the explanation of one deployment as JSON. Deployment ids
// may hold slashes (GitHub's owner/repo/deployments/N), so the id is the rest of the path,
// sent either percent-encoded or as is.
import type { Request, Response } from "express";
import { parseInstant } from "../domain/instant.ts";
import type { DeploymentExplanation } from "../explain/explanation.ts";
import { clientSignal } from "./expensive-queue.ts";
import type { ServedSnapshots } from "./snapshot-service.ts";

/** Explains a deployment at asOf (the caller's clock when undefined); undefined when unknown. */
export type DeploymentExplainer = (
  id: string,
  asOf: number | undefined,
) => Promise<DeploymentExplanation | undefined>;

export const DEPLOYMENT_ROUTE = "/api/v1/deployments/*id";

function idOf(req: Request): string {
  const segments: unknown = req.params.id;
  return Array.isArray(segments) ? segments.join("/") : String(segments ?? "");
}

/**
 * `?asOf=` picks the instant; without it the served snapshot's asOf, so the answer agrees
 * with /metrics, or the exporter's clock before the first snapshot.
 */
function asOfOf(req: Request, snapshots: ServedSnapshots): number | undefined | Error {
  const text: unknown = req.query.asOf;
  if (text === undefined) return snapshots.current()?.snapshot.asOf;
  if (typeof text !== "string") return new Error('query parameter "asOf" must be given once');
  try {
    return parseInstant(text, 'query parameter "asOf"');
  } catch (error) {
    return error as Error;
  }
}

export function deploymentHandler(snapshots: ServedSnapshots, explain: DeploymentExplainer) {
  return async (req: Request, res: Response): Promise<void> => {
    const id = idOf(req);
    const asOf = asOfOf(req, snapshots);
    if (asOf instanceof Error) {
      res.status(400).json({ error: asOf.message });
      return;
    }
    const explanation = await explain(id, asOf);
    if (clientSignal(res)?.aborted) return;
    if (!explanation) {
      res.status(404).json({ error: `no deployment with id ${JSON.stringify(id)} in the store` });
      return;
    }
    res.setHeader("Cache-Control", "no-store");
    res.json(explanation);
  };
}
