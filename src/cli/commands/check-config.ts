import { ConfigError } from "../../config/load.ts";
import { errorMessage } from "../../domain/error-message.ts";
import { loadConfigFile } from "../../sources/config-file.ts";

/** Validates a config file; prints every problem with its field path. Exit 1 when invalid. */
export async function checkConfigCommand(file: string): Promise<number> {
  try {
    const config = await loadConfigFile(file);
    const services = config.teams.reduce((n, t) => n + t.services.length, 0);
    process.stdout.write(`${file}: valid (${config.teams.length} teams, ${services} services)\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${file}: ${error.issues.length} problem(s)\n`);
      for (const issue of error.issues)
        process.stderr.write(`  ${issue.path || "(root)"}: ${issue.message}\n`);
      return 1;
    }
    process.stderr.write(`${file}: ${errorMessage(error)}\n`);
    return 1;
  }
}
