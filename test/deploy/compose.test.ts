import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO } from "../support/cli.ts";
import {
  type ComposeService,
  hostPathOf,
  loadCompose,
  loadDockerfile,
  mounts,
} from "./compose-file.ts";

// docker-compose.yml checked for what `docker compose up` relies on, without Docker: the
// services and their wiring agree with each other, with the Dockerfile and with the
// files in the repository that they mount.

const ENV = { GRAFANA_ADMIN_PASSWORD: "a-long-secret" };
const compose = loadCompose(ENV);
const service = (name: string): ComposeService => {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};
const repoFile = (path: string) => readFileSync(join(REPO, path), "utf8");

describe("docker-compose.yml", () => {
  it("runs the exporter, Prometheus, Alertmanager and Grafana, images pinned", () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      "alertmanager",
      "exporter",
      "grafana",
      "prometheus",
    ]);
    expect(service("exporter").build).toBe(".");
    for (const name of ["prometheus", "alertmanager", "grafana"])
      expect(service(name).image, name).toMatch(/^[\w./-]+:v?\d+\.\d+\.\d+$/);
  });

  it("requires a Grafana admin password and allows no anonymous access", () => {
    expect(() => loadCompose({})).toThrow(/GRAFANA_ADMIN_PASSWORD/);
    const env = service("grafana").environment ?? {};
    expect(env.GF_SECURITY_ADMIN_PASSWORD).toBe(ENV.GRAFANA_ADMIN_PASSWORD);
    expect(env.GF_AUTH_ANONYMOUS_ENABLED).toBe("false");
    expect(env.GF_USERS_ALLOW_SIGN_UP).toBe("false");
  });

  it("mounts only files and folders that exist in the repository, volumes declared", () => {
    for (const [name, svc] of Object.entries(compose.services))
      for (const mount of mounts(svc)) {
        if (mount.hostPath === undefined)
          expect(Object.keys(compose.volumes ?? {}), `${name}: volume ${mount.source}`).toContain(
            mount.source,
          );
        else expect(existsSync(join(REPO, mount.hostPath)), `${name}: ${mount.source}`).toBe(true);
      }
  });

  it("mounts the generated rules and dashboards where the shared layout puts them", () => {
    expect(hostPathOf(service("prometheus"), "/etc/prometheus/alerts")).toBe("alerts");
    expect(hostPathOf(service("grafana"), "/etc/grafana/provisioning")).toBe(
      "dashboards/provisioning",
    );
    expect(hostPathOf(service("grafana"), "/var/lib/grafana/dashboards/kpi")).toBe(
      "dashboards/json",
    );
    const home = service("grafana").environment?.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH ?? "";
    const homeFile = hostPathOf(service("grafana"), home) ?? "";
    expect(existsSync(join(REPO, homeFile)), `home dashboard ${home}`).toBe(true);
  });

  it("has Prometheus scrape the exporter on the port the image exposes and serves on", () => {
    const prometheusYml = hostPathOf(
      service("prometheus"),
      "/etc/prometheus/prometheus.yml",
    ) as string;
    const config = parse(repoFile(prometheusYml));
    const job = config.scrape_configs.find(
      (j: { job_name: string }) => j.job_name === "kpi-exporter",
    );
    const [host, port] = String(job.static_configs[0].targets[0]).split(":");
    expect(host).toBe("exporter");
    const image = loadDockerfile();
    expect(image.expose).toEqual([port]);
    expect(image.cmd.join(" ")).toContain(`--port ${port}`);
    expect(service("exporter").ports?.map((p) => p.split(":").at(-1))).toEqual([port]);
    expect(config.alerting.alertmanagers[0].static_configs[0].targets).toEqual([
      "alertmanager:9093",
    ]);
    expect(service("alertmanager").ports?.map((p) => p.split(":").at(-1))).toEqual(["9093"]);
  });

  it("points Grafana's provisioned datasource at the prometheus service", () => {
    const dir = join(
      REPO,
      hostPathOf(service("grafana"), "/etc/grafana/provisioning/datasources") as string,
    );
    const urls = readdirSync(dir).flatMap((file) =>
      (parse(readFileSync(join(dir, file), "utf8")).datasources ?? []).map(
        (d: { url: string }) => d.url,
      ),
    );
    expect(urls).toContain("http://prometheus:9090");
    expect(service("prometheus").ports?.map((p) => p.split(":").at(-1))).toEqual(["9090"]);
  });

  it("renders Alertmanager's config where Alertmanager is told to read it", () => {
    const am = service("alertmanager");
    const script = hostPathOf(am, (am.entrypoint as string[])[1] as string) as string;
    expect(script).toBe("deploy/alertmanager/entrypoint.sh");
    const renderedDir = /ALERTMANAGER_RENDERED_DIR:-([^}]+)\}/.exec(repoFile(script))?.[1];
    expect(am.command).toContain(`--config.file=${renderedDir}/alertmanager.yml`);
    // Every variable the service passes is one the script documents and reads.
    for (const name of Object.keys(am.environment ?? {}))
      expect(repoFile(script), name).toContain(`${name} `);
  });
});

describe("Dockerfile", () => {
  it("copies every folder the sources read at run time", () => {
    const { copies } = loadDockerfile();
    const needed = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(join(REPO, dir), { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (path.endsWith(".ts"))
          for (const m of repoFile(path).matchAll(
            /new URL\("((?:\.\.\/)+[^"]*)", import\.meta\.url\)/g,
          )) {
            const top = relative(REPO, join(REPO, dir, m[1] as string)).split("/")[0] as string;
            if (top !== "src") needed.add(top);
          }
      }
    };
    walk("src");
    expect(needed.size).toBeGreaterThan(0);
    for (const top of needed) expect(copies, `COPY ${top}`).toContain(top);
  });

  it("runs as the unprivileged node user", () => {
    const text = repoFile("Dockerfile");
    expect(text.split(/^FROM /m).at(-1)).toMatch(/^USER node$/m);
  });
});
