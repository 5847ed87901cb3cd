// Object Lock rules: parsing the lock headers and the LegalHold/Retention documents, and the
// decisions S3 makes with them (what may be extended, what blocks a delete).
import { type HeaderBag, header } from "./sigv4-canonical.ts";
import { elements, S3_XMLNS, S3Error, xmlRoot, xmlText } from "./xml.ts";

export type LockMode = "COMPLIANCE" | "GOVERNANCE";
export type LegalHoldStatus = "ON" | "OFF";

/** Lock settings of one object version; retainUntil is a normalised ISO 8601 string. */
export interface LockState {
  mode?: LockMode;
  retainUntil?: string;
  legalHold?: LegalHoldStatus;
}

const MODE_HEADER = "x-amz-object-lock-mode";
const UNTIL_HEADER = "x-amz-object-lock-retain-until-date";
const HOLD_HEADER = "x-amz-object-lock-legal-hold";
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function invalid(message: string): S3Error {
  return new S3Error(400, "InvalidArgument", message);
}

export function parseMode(value: string | undefined): LockMode {
  if (value === "COMPLIANCE" || value === "GOVERNANCE") return value;
  throw invalid("Unknown wormMode directive.");
}

export function parseRetainUntil(value: string | undefined, now: number): string {
  const time = value !== undefined && ISO_8601.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time))
    throw invalid("The retain until date must be provided in ISO 8601 format");
  if (time <= now) throw invalid("The retain until date must be in the future!");
  return new Date(time).toISOString();
}

export function parseLegalHold(value: string | undefined): LegalHoldStatus {
  if (value === "ON" || value === "OFF") return value;
  throw invalid("Legal Hold must be either of 'ON' or 'OFF'");
}

export function hasLockHeaders(headers: HeaderBag): boolean {
  return [MODE_HEADER, UNTIL_HEADER, HOLD_HEADER].some(
    (name) => header(headers, name) !== undefined,
  );
}

/** The lock a PutObject asks for: mode and date come together or not at all. */
export function lockFromHeaders(headers: HeaderBag, now: number): LockState {
  const mode = header(headers, MODE_HEADER);
  const until = header(headers, UNTIL_HEADER);
  const hold = header(headers, HOLD_HEADER);
  if ((mode === undefined) !== (until === undefined)) {
    const message = `${UNTIL_HEADER} and ${MODE_HEADER} must both be supplied`;
    throw new S3Error(400, "InvalidRequest", message);
  }
  const lock: LockState = {};
  if (mode !== undefined) lock.mode = parseMode(mode);
  if (until !== undefined) lock.retainUntil = parseRetainUntil(until, now);
  if (hold !== undefined) lock.legalHold = parseLegalHold(hold);
  return lock;
}

function malformedXml(): S3Error {
  const message =
    "The XML you provided was not well-formed or did not validate against our published schema";
  return new S3Error(400, "MalformedXML", message);
}

export function parseLegalHoldXml(xml: string): LegalHoldStatus {
  const status = xmlText(xml, "Status");
  if (xmlRoot(xml) !== "LegalHold" || status === undefined) throw malformedXml();
  return parseLegalHold(status);
}

export function parseRetentionXml(
  xml: string,
  now: number,
): Required<Omit<LockState, "legalHold">> {
  const mode = xmlText(xml, "Mode");
  const until = xmlText(xml, "RetainUntilDate");
  if (xmlRoot(xml) !== "Retention" || mode === undefined || until === undefined) {
    throw malformedXml();
  }
  return { mode: parseMode(mode), retainUntil: parseRetainUntil(until, now) };
}

export function legalHoldXml(status: LegalHoldStatus): string {
  return `<LegalHold xmlns="${S3_XMLNS}">${elements({ Status: status })}</LegalHold>`;
}

export function retentionXml(mode: LockMode, retainUntil: string): string {
  const fields = elements({ Mode: mode, RetainUntilDate: retainUntil });
  return `<Retention xmlns="${S3_XMLNS}">${fields}</Retention>`;
}

function retained(lock: LockState, now: number): boolean {
  return lock.retainUntil !== undefined && Date.parse(lock.retainUntil) > now;
}

/**
 * While a retention is in force it may only be extended in the same mode; GOVERNANCE may be
 * overridden with `x-amz-bypass-governance-retention: true`, COMPLIANCE never.
 */
export function checkRetentionChange(
  current: LockState,
  next: Required<Omit<LockState, "legalHold">>,
  now: number,
  bypassGovernance: boolean,
): void {
  if (!retained(current, now) || current.retainUntil === undefined) return;
  const shortens = Date.parse(next.retainUntil) < Date.parse(current.retainUntil);
  if (!shortens && next.mode === current.mode) return;
  if (current.mode === "GOVERNANCE" && bypassGovernance) return;
  throw new S3Error(403, "AccessDenied", "Access Denied");
}

/** Why a version may not be deleted now (legal hold, or COMPLIANCE retention), if it may not. */
export function deleteBlocker(lock: LockState, now: number): string | undefined {
  if (lock.legalHold === "ON") return "legal hold";
  if (lock.mode === "COMPLIANCE" && retained(lock, now)) return "compliance retention";
  return undefined;
}
