import { unzipSync, zipSync } from "fflate";

// A workbook is a zip, and the zip writer stamps every entry with the time it ran, so
// two renders of one model differ whenever they straddle a two-second tick. Re-stamping
// every entry with the report's own instant makes the bytes a function of the model:
// an auditor who renders the same quarter again gets the same file, in any time zone.

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
const PLACEHOLDER = new Date(2000, 0, 1);

/** `at` as a zip (MS-DOS) time and date, read in UTC, in two-second steps. */
function dosStamp(at: Date): { time: number; date: number } {
  // The format counts years from 1980 in seven bits.
  const year = Math.min(Math.max(at.getUTCFullYear(), 1980), 2107);
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

/**
 * The zip's entries, unchanged and in order, each stamped with `at` in UTC. Written into
 * the headers directly: fflate takes a Date and reads it in the process's local time,
 * which no offset arithmetic gets right across a daylight-saving change.
 */
export function stampZipEntries(zip: Uint8Array, at: Date): Buffer {
  // Any valid zip time will do here (all are overwritten below); the clock's may not be one.
  const out = Buffer.from(zipSync(unzipSync(zip), { mtime: PLACEHOLDER }));
  const { time, date } = dosStamp(at);
  const stamp = (offset: number) => {
    out.writeUInt16LE(time, offset);
    out.writeUInt16LE(date, offset + 2);
  };
  // fflate writes no archive comment: the end record is the last 22 bytes.
  const end = out.length - 22;
  if (out.readUInt32LE(end) !== END_OF_CENTRAL) throw new Error("zip: no end of central directory");
  const entries = out.readUInt16LE(end + 10);
  let central = out.readUInt32LE(end + 16);
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(central) !== CENTRAL_HEADER) throw new Error("zip: bad central header");
    const local = out.readUInt32LE(central + 42);
    if (out.readUInt32LE(local) !== LOCAL_HEADER) throw new Error("zip: bad local header");
    stamp(central + 12);
    stamp(local + 10);
    central +=
      46 +
      out.readUInt16LE(central + 28) +
      out.readUInt16LE(central + 30) +
      out.readUInt16LE(central + 32);
  }
  return out;
}
