import type { SourceDefinition } from "../collector.ts";
import { scannerImporter } from "./import-scan.ts";
import { parseSarif } from "./sarif.ts";
import { parseTrivy } from "./trivy.ts";

/** Scanner reports, imported as files: they name no service, so --service does. */
export const scannersSource: SourceDefinition = {
  name: "scanners",
  kind: "files",
  formats: {
    trivy: { describe: "Trivy JSON report", needsService: true, run: scannerImporter(parseTrivy) },
    sarif: { describe: "SARIF 2.1.0 log", needsService: true, run: scannerImporter(parseSarif) },
  },
};
