import type { ConfigFile } from "../../config/schema.ts";

// The catalogue seen from GitHub: which repositories to read and which services each
// feeds. A repository shared by several services (a monorepo) tells them apart by path
// prefixes for changes and by workflow or deployment payload for deployments.

export interface ServiceTarget {
  service: string;
  paths: string[];
  deployBranch?: string;
  environments: boolean;
  workflows: string[];
}

export interface RepoTarget {
  /** owner/name as written in the config. */
  repository: string;
  owner: string;
  name: string;
  services: ServiceTarget[];
}

export function repoTargets(config: ConfigFile): RepoTarget[] {
  const byRepo = new Map<string, RepoTarget>();
  for (const team of config.teams)
    for (const service of team.services)
      for (const repository of service.repositories ?? []) {
        const key = repository.toLowerCase();
        const [owner = "", name = ""] = repository.split("/");
        const target = byRepo.get(key) ?? { repository, owner, name, services: [] };
        target.services.push({
          service: service.name,
          paths: service.github?.paths ?? [],
          ...(service.github?.deploy_branch && { deployBranch: service.github.deploy_branch }),
          environments: service.github?.environments ?? true,
          workflows: service.github?.workflows ?? [],
        });
        byRepo.set(key, target);
      }
  return [...byRepo.values()];
}

/** Shared repositories suffix ids with the service, so one PR can be a change of each. */
export function scopedId(target: RepoTarget, id: string, service: string): string {
  return target.services.length > 1 ? `${id}@${service}` : id;
}

/** Services whose path prefixes one of the files touches; every service when none has paths. */
export function servicesTouched(target: RepoTarget, files: readonly string[]): string[] {
  if (target.services.length === 1) return [(target.services[0] as ServiceTarget).service];
  return target.services
    .filter((s) => s.paths.some((prefix) => files.some((file) => file.startsWith(prefix))))
    .map((s) => s.service);
}

/** Whether a workflow run belongs to a service's deploy workflows (by file name or name). */
export function isDeployWorkflow(s: ServiceTarget, run: { name?: string | null; path?: string }) {
  // Older webhook payloads carry no path; the workflow's name still identifies it.
  const file = run.path?.split("/").pop();
  return s.workflows.some((w) => w === run.name || (run.path && (w === file || w === run.path)));
}
