import { explainStored } from "../../explain/explain-deployment.ts";
import { explanationText } from "../../explain/explain-text.ts";
import { type CommonOptions, describeStore, loadContext, openContextStore } from "../context.ts";
import { writeStdout } from "../stdout.ts";

// `kpi-exporter explain deployment ID [--json]`: why the KPIs at --as-of count a deployment
// the way they do. Exit 0 with the explanation, 1 when the store holds no such deployment.

export interface ExplainOptions extends CommonOptions {
  json?: boolean;
}

export async function explainDeploymentCommand(
  id: string,
  options: ExplainOptions,
): Promise<number> {
  const ctx = await loadContext(options);
  const store = await openContextStore(options);
  try {
    const explanation = await explainStored(store, ctx.engine, ctx.clock(), id);
    if (!explanation) {
      process.stderr.write(
        `no deployment with id ${JSON.stringify(id)} in the store (${describeStore(store, options)})\n`,
      );
      return 1;
    }
    await writeStdout(
      options.json ? `${JSON.stringify(explanation, null, 2)}\n` : explanationText(explanation),
    );
    return 0;
  } finally {
    await store.close();
  }
}
