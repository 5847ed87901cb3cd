// The demo organisation "acme": four teams of three services, the same catalogue as
// examples/demo.yaml (test/demo/demo-config.test.ts keeps the two in step). Each team
// performs at a different DORA level so every level shows up on the dashboards.

export type PerformanceLevel = "elite" | "high" | "medium" | "low";

export interface DemoService {
  name: string;
  repository: string;
  /** Tag value of `app` in billing rows; the catalogue's cost selector matches on it. */
  costTag: string;
  /** Whether the billing export names the service itself, or only carries its tags. */
  billedByName: boolean;
  /** A cloud account of its own: its cloud rows carry only this sub-account id. */
  cloudAccount?: string;
}

export interface DemoTeam {
  name: string;
  level: PerformanceLevel;
  /** Jira project key of the team's work items. */
  ticketKey: string;
  members: readonly string[];
  services: readonly DemoService[];
}

export const DEMO_ORGANISATION = "acme";

function service(name: string, billedByName: boolean, cloudAccount?: string): DemoService {
  const repository = `${DEMO_ORGANISATION}/${name}`;
  return { name, repository, costTag: name, billedByName, cloudAccount };
}

export const DEMO_TEAMS: readonly DemoTeam[] = [
  {
    name: "payments",
    level: "high",
    ticketKey: "PAY",
    members: ["amara-okafor", "jonas-weber", "lucia-fernandez", "tomasz-nowak", "priya-raman"],
    services: [
      service("checkout", true),
      service("payment-gateway", false),
      service("fraud-detection", true),
    ],
  },
  {
    name: "lending",
    level: "low",
    ticketKey: "LEND",
    members: ["henrik-larsen", "sofia-russo", "mehmet-yilmaz", "claire-dubois"],
    services: [
      service("loan-origination", false),
      service("credit-scoring", true),
      service("repayments", false),
    ],
  },
  {
    name: "platform",
    level: "elite",
    ticketKey: "PLAT",
    members: ["kenji-watanabe", "ines-carvalho", "oliver-smith", "nadia-haddad", "lars-berg"],
    services: [
      service("api-gateway", true),
      service("identity", false, "210987654321"),
      service("notifications", true),
    ],
  },
  {
    name: "mobile",
    level: "medium",
    ticketKey: "MOB",
    members: ["aisha-bello", "mateo-garcia", "emma-johansson", "ravi-kumar"],
    services: [
      service("mobile-bff", false),
      service("app-config", true),
      service("content-api", false),
    ],
  },
];

/** Every demo service with its team, in catalogue order. */
export function demoServices(): Array<{ team: DemoTeam; service: DemoService }> {
  return DEMO_TEAMS.flatMap((team) => team.services.map((service) => ({ team, service })));
}
