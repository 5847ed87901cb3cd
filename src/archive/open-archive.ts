import { readSecret } from "../config/secrets.ts";
import type { Archive } from "./archive.ts";
import { directoryArchive } from "./directory-archive.ts";
import { s3Archive } from "./s3-archive.ts";

// A location as written in the config or on the command line: s3://bucket/prefix takes
// the endpoint, region and keys from the AWS_* variables every AWS tool reads; anything
// else is a directory.

/** An archive from a location: a directory, or s3://bucket/prefix with the AWS_* variables. */
export function openArchive(location: string, env: NodeJS.ProcessEnv = process.env): Archive {
  if (!location.startsWith("s3://")) return directoryArchive(location);
  const url = new URL(location);
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1";
  const accessKeyId = readSecret("AWS_ACCESS_KEY_ID", env);
  const secretAccessKey = readSecret("AWS_SECRET_ACCESS_KEY", env);
  if (!accessKeyId || !secretAccessKey)
    throw new Error(
      `${location}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or their _FILE variants)`,
    );
  const sessionToken = readSecret("AWS_SESSION_TOKEN", env);
  return s3Archive({
    location,
    endpoint:
      env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || `https://s3.${region}.amazonaws.com`,
    bucket: url.hostname,
    // s3://bucket/kpi and s3://bucket/kpi/ name the same folder.
    prefix: decodeURIComponent(url.pathname)
      .replace(/^\/+/, "")
      .replace(/([^/])$/, "$1/"),
    region,
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
  });
}
