// A report asked for something that cannot be reported (a malformed or future quarter, an
// unknown team): the caller's mistake, answered with 400 by the API and exit 2 by the CLI.
export class ReportRequestError extends Error {
  override name = "ReportRequestError";
}
