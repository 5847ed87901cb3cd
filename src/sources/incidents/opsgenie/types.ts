import { z } from "zod";
import { fieldMap, instant, optional, stringList } from "../payload.ts";

// The parts of Opsgenie's payloads the collector reads, as opsgenie-oas defines them
// (definitions BaseAlert, Alert, AlertReport, BaseIncident, PageDetails). Objects are
// loose: Opsgenie adds fields, and only the ones read here must hold their shape.

const responder = z.looseObject({
  type: z.string(),
  id: optional(z.string()),
  name: optional(z.string()),
});

const paging = optional(z.looseObject({ next: optional(z.string()) }));

/** What Opsgenie alerts and incidents share. */
const common = {
  id: z.string().min(1),
  tinyId: optional(z.string()),
  message: optional(z.string()),
  status: optional(z.string()),
  tags: stringList,
  createdAt: instant,
  updatedAt: instant,
  priority: optional(z.string()),
  responders: optional(z.array(responder)).transform((list) => list ?? []),
};

export const baseAlert = z.looseObject({
  ...common,
  /** closeTime and ackTime are milliseconds since createdAt. */
  report: optional(z.looseObject({ closeTime: optional(z.number().nonnegative()) })),
});

export const listAlertsResponse = z.looseObject({ data: z.array(baseAlert), paging });

export const getAlertResponse = z.looseObject({
  data: z.looseObject({ description: optional(z.string()), details: fieldMap }),
});

export const baseIncident = z.looseObject({
  ...common,
  ownerTeam: optional(z.string()),
  extraProperties: fieldMap,
});

export const listIncidentsResponse = z.looseObject({ data: z.array(baseIncident), paging });

export const listTeamsResponse = z.looseObject({
  data: z.array(z.looseObject({ id: z.string(), name: z.string() })),
});

export type BaseAlert = z.infer<typeof baseAlert>;
export type BaseIncident = z.infer<typeof baseIncident>;
export type Responder = z.infer<typeof responder>;
