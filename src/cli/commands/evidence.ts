import { verifyLedger } from "../../evidence/verify.ts";
import { type CommonOptions, describeStore, openContextStore } from "../context.ts";

// `kpi-exporter evidence verify [--json]`: walks the evidence ledger's hash chain and names
// every record that was modified, inserted or deleted since it was appended. Exit 0 when
// the ledger is intact (an empty one is), 1 when it is not.

export interface EvidenceOptions extends CommonOptions {
  json?: boolean;
}

export async function evidenceVerifyCommand(options: EvidenceOptions): Promise<number> {
  const store = await openContextStore(options);
  try {
    const [rows, head] = await Promise.all([store.evidence.rows(), store.evidence.head()]);
    const issues = verifyLedger(rows, head);
    if (options.json) {
      const result = { intact: issues.length === 0, records: rows.length, head, issues };
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return issues.length ? 1 : 0;
    }
    const where = describeStore(store, options);
    for (const issue of issues)
      process.stdout.write(
        `record ${issue.seq} (deployment ${issue.deploymentId ?? "unknown"}): ${issue.message}\n`,
      );
    if (issues.length) {
      process.stdout.write(
        `evidence ledger NOT intact: ${issues.length} problem${issues.length === 1 ? "" : "s"} in ${rows.length} records (${where})\n`,
      );
      return 1;
    }
    process.stdout.write(
      head.seq === 0
        ? `evidence ledger is empty (${where})\n`
        : `evidence ledger intact: ${rows.length} records, head record ${head.seq} (deployment ${head.deploymentId}) sha256 ${head.hash} (${where})\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
