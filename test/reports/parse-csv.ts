// A strict RFC 4180 reader for the tests: CRLF records, quoted fields with doubled quotes.
// Written independently of the renderer so a quoting mistake there cannot hide here.
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
    } else if (text[i] === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (text.startsWith("\r\n", i)) {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 2;
    } else if (text[i] === "\n" || text[i] === "\r") {
      throw new Error(`bare line break at ${i}: records end with CRLF`);
    } else field += text[i++];
  }
  if (field !== "" || row.length) throw new Error("last record does not end with CRLF");
  return rows;
}
