import { explainStored } from "../../explain/explain-deployment.ts";
import { explanationText } from "../../explain/explain-text.ts";
import type { DeploymentExplanation } from "../../explain/explanation.ts";
import { adoptPolicies, type CommonOptions, describeStore, loadContext } from "../context.ts";
import { requestServer, unexpectedAnswer } from "../forward.ts";
import { writeStdout } from "../stdout.ts";
import { type RemoteServer, type ServerOption, storeOrServer } from "../store-or-server.ts";

// `kpi-exporter explain deployment ID [--json]`: why the KPIs at --as-of count a deployment
// the way they do. Exit 0 with the explanation, 1 when the store holds no such deployment.
// When a server holds the store (or --url names one), it explains through
// GET /api/v1/deployments/{id}, at --as-of when given.

export interface ExplainOptions extends CommonOptions, ServerOption {
  json?: boolean;
}

async function fetchExplanation(
  server: RemoteServer,
  id: string,
  asOf: number | undefined,
): Promise<DeploymentExplanation | undefined> {
  const query = asOf === undefined ? "" : `?asOf=${new Date(asOf).toISOString()}`;
  const path = `/api/v1/deployments/${encodeURIComponent(id)}${query}`;
  const response = await requestServer(server, path, "read");
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw await unexpectedAnswer(server, response);
  return (await response.json()) as DeploymentExplanation;
}

function unknown(id: string, where: string): number {
  process.stderr.write(`no deployment with id ${JSON.stringify(id)} in the store (${where})\n`);
  return 1;
}

export async function explainDeploymentCommand(
  id: string,
  options: ExplainOptions,
): Promise<number> {
  const ctx = await loadContext(options);
  const target = await storeOrServer(options);
  let explanation: DeploymentExplanation | undefined;
  if ("server" in target) {
    // Without --as-of the server explains at its snapshot's instant, agreeing with /metrics.
    const asOf = (options.asOf ?? process.env.KPI_AS_OF) ? ctx.clock() : undefined;
    explanation = await fetchExplanation(target.server, id, asOf);
    if (!explanation) return unknown(id, target.server.name);
  } else {
    const { store } = target;
    try {
      await adoptPolicies(ctx, store);
      explanation = await explainStored(store, ctx.engine, ctx.clock(), id);
      if (!explanation) return unknown(id, describeStore(store, options));
    } finally {
      await store.close();
    }
  }
  await writeStdout(
    options.json ? `${JSON.stringify(explanation, null, 2)}\n` : explanationText(explanation),
  );
  return 0;
}
