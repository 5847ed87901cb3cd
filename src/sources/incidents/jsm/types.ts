import { z } from "zod";
import { baseAlert } from "../opsgenie/types.ts";
import { fieldMap, instant, optional } from "../payload.ts";

// The parts of Jira Service Management Operations payloads the collector reads: alerts
// keep Opsgenie's fields in `values` lists with `links.next`; the close time is an
// instant, `closeTime`, or Opsgenie's `report.closeTime`; custom fields may be named
// `details` or `extraProperties`.

/** Opsgenie's alert, plus the close instant JSM may give instead of `report.closeTime`. */
export const jsmAlert = baseAlert.extend({ closeTime: optional(instant) });

export const listResponse = z.looseObject({
  values: z.array(jsmAlert),
  links: optional(z.looseObject({ next: optional(z.string()) })),
});

const alertBody = z.looseObject({
  description: optional(z.string()),
  details: fieldMap,
  extraProperties: fieldMap,
});
/** The alert, whether or not the answer wraps it in `data` as Opsgenie does. */
export const getResponse = z.preprocess(
  (body) => (body && typeof body === "object" && "data" in body ? body.data : body),
  alertBody,
);

/** Operations teams; Atlassian names them teamId/teamName, Opsgenie id/name: either is read. */
export const teamsResponse = z.looseObject({
  values: z.array(
    z
      .looseObject({
        id: optional(z.string()),
        name: optional(z.string()),
        teamId: optional(z.string()),
        teamName: optional(z.string()),
      })
      .transform((t) => ({ id: t.teamId ?? t.id, name: t.teamName ?? t.name })),
  ),
  links: optional(z.looseObject({ next: optional(z.string()) })),
});

export type JsmAlert = z.infer<typeof jsmAlert>;
