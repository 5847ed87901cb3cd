import { mkdir, readdir, readFile, unlink, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { ConfigError } from "../../config/load.ts";
import { generateAlerts, RulesError } from "../../rules/index.ts";
import { GENERATED_HEADER } from "../../rules/yaml.ts";
import { DEMO_CONFIG_FILE, loadContext } from "../context.ts";

// `kpi-exporter rules`: writes the recording, KPI and SLO rule files and their promtool
// tests into --out (default alerts/). Generated files no longer produced (an SLO removed
// from the config) are deleted; files without the generated header are never touched.

export interface RulesOptions {
  config?: string;
  out: string;
}

async function generatedFilesIn(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const sub of [dir, join(dir, "tests")]) {
    const names = await readdir(sub).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith(".yml"))) {
      const text = await readFile(join(sub, name), "utf8");
      if (text.startsWith(GENERATED_HEADER)) found.push(join(sub, name));
    }
  }
  return found;
}

export async function rulesCommand(options: RulesOptions): Promise<number> {
  try {
    const ctx = await loadContext({ config: options.config }, DEMO_CONFIG_FILE);
    const { files, skipped } = generateAlerts(ctx.config);
    const written = new Set<string>();
    for (const file of files) {
      const path = join(options.out, file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.text);
      written.add(path);
    }
    const stale = (await generatedFilesIn(options.out)).filter((path) => !written.has(path));
    for (const path of stale) await unlink(path);
    const source = relative(process.cwd(), ctx.configSource) || ctx.configSource;
    process.stderr.write(
      `kpi-exporter rules: wrote ${files.length} files to ${options.out} from ${source}` +
        (stale.length ? `, removed ${stale.map((p) => relative(options.out, p)).join(", ")}` : "") +
        "\n",
    );
    for (const note of skipped)
      process.stderr.write(`kpi-exporter rules: no promtool test generated for ${note}\n`);
    return 0;
  } catch (error) {
    if (error instanceof RulesError || error instanceof ConfigError) {
      process.stderr.write(`kpi-exporter rules: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
