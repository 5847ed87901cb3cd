import { unzipSync, zipSync } from "fflate";

// A workbook is a zip, and the zip writer stamps every entry with the time it ran, so
// two renders of one model differ whenever they straddle a two-second tick. Re-stamping
// every entry with the report's own instant makes the bytes a function of the model:
// an auditor who renders the same quarter again gets the same file.

/** The zip's entries, unchanged and in order, each stamped with `at` as read in UTC. */
export function stampZipEntries(zip: Uint8Array, at: Date): Buffer {
  const entries = unzipSync(zip);
  // Zip times carry no zone and the writer reads them in the process's local time;
  // shifting by the offset makes the stored fields UTC's on every machine.
  const shifted = new Date(at.getTime() + at.getTimezoneOffset() * 60_000);
  return Buffer.from(zipSync(entries, { mtime: shifted }));
}
