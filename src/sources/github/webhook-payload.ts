import { errorMessage } from "../../domain/error-message.ts";

// GitHub delivers either `application/json` or `application/x-www-form-urlencoded` with
// the JSON in a `payload` field, as the hook was configured. Both carry the same event.

export type ParsedPayload = { payload: unknown } | { error: string };

export function deliveryPayload(body: Buffer, contentType: string | undefined): ParsedPayload {
  const media = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  let text = body.toString("utf8");
  if (media === "application/x-www-form-urlencoded") {
    const field = new URLSearchParams(text).get("payload");
    if (field === null) return { error: "form-encoded delivery without a payload field" };
    text = field;
  }
  try {
    const payload: unknown = JSON.parse(text);
    if (payload === null || typeof payload !== "object" || Array.isArray(payload))
      return { error: "the payload is not a JSON object" };
    return { payload };
  } catch (error) {
    return { error: `the payload is not valid JSON: ${errorMessage(error)}` };
  }
}
