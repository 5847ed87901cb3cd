import { fileURLToPath } from "node:url";
import { RECORD_KINDS } from "../domain/records.ts";
import { IMPORT_FORMAT_DOC } from "../import/format-docs.ts";
import { IMPORT_SCHEMA_FILE } from "../import/json-schema.ts";

// `import --help` names where the format is written down, as absolute paths inside the
// installed package, so they open from wherever the command runs.

const inPackage = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export const importFormatHelp = `
NDJSON (--format ndjson, the default): one JSON object per line, "kind" one of
${RECORD_KINDS.join(", ")}.
  every kind's fields:   ${inPackage(IMPORT_FORMAT_DOC)}
  as a JSON Schema:      ${inPackage(IMPORT_SCHEMA_FILE)}
  a line of every kind:  ${inPackage("examples/events.ndjson")}
`;
