// A CSV package is opened in a spreadsheet, and a cell starting with =, +, -, @, a tab or
// a carriage return is taken there as a formula: anyone who can name a deployer, an
// approver or a check could plant one in the auditor's sheet. Such a cell is written with a
// leading apostrophe, which spreadsheets show as text. A cell already starting with an
// apostrophe gets one too, so reading back is exact: strip one leading apostrophe.

const STARTS_FORMULA = /^[=+\-@\t\r']/;

/** The cell as written into a CSV package. */
export function spreadsheetSafe(cell: string): string {
  return STARTS_FORMULA.test(cell) ? `'${cell}` : cell;
}

/** The value a package cell holds: exactly what spreadsheetSafe was given. */
export function fromSpreadsheetSafe(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}
