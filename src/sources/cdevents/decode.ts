import { kpiFields } from "./custom-data.ts";
import { unwrap } from "./envelope.ts";
import { eventName, isMapped, mapCdevent, targetKind } from "./map.ts";
import { acceptedTypes, describeErrors, validatorFor } from "./schemas.ts";
import type { CdEvent, Decoded, MapContext } from "./types.ts";

// One entry of a CloudEvents request, start to finish: unwrap the envelope, pick the
// schema by context.type, validate, read the customData.kpi extension, map. Pure.

function typeRejection(type: string): Decoded {
  const name = eventName(type);
  const versions = acceptedTypes().filter((t) => name !== undefined && eventName(t) === name);
  const message =
    versions.length > 0
      ? `${type} is not a supported version of ${name}; send ${versions.join(" or ")} (CDEvents v0.5.1)`
      : `${type} is not an accepted CDEvent type; accepted: ${acceptedTypes().join(", ")}`;
  const kind = name === undefined ? undefined : targetKind(name);
  return {
    rejection: {
      kind,
      field: "/context/type",
      code: "unknown_kind",
      message: `/context/type: ${message}`,
    },
  };
}

export function decodeEntry(entry: unknown, ctx: MapContext): Decoded {
  const unwrapped = unwrap(entry);
  if ("rejection" in unwrapped) return unwrapped;
  const { cdevent, ceType } = unwrapped;
  const type = (cdevent.context as { type?: unknown } | undefined)?.type;
  if (typeof type !== "string")
    return {
      rejection: {
        field: "/context/type",
        code: "unknown_kind",
        message: "/context/type: required (dev.cdevents.<subject>.<predicate>.<version>)",
      },
    };
  const validate = validatorFor(type);
  const name = eventName(type);
  // Other CDEvents are valid traffic from a tool forwarding its whole stream: not errors.
  if (name !== undefined && !isMapped(name))
    return { ignored: `${name} events are not used by any KPI` };
  if (!validate || name === undefined) return typeRejection(type);
  const kind = targetKind(name);
  if (ceType !== undefined && ceType !== type)
    return {
      rejection: {
        kind,
        field: "/context/type",
        code: "invalid_field",
        message: `/context/type: ${type} differs from the CloudEvent type ${ceType}`,
      },
    };
  if (!validate(cdevent))
    return {
      rejection: { kind, code: "invalid_field", ...describeErrors(validate.errors ?? []) },
    };
  const event = cdevent as unknown as CdEvent;
  const extension = kpiFields(event);
  if ("rejection" in extension) return { rejection: { kind, ...extension.rejection } };
  return mapCdevent(name, event, extension.kpi, ctx);
}
