// CDEvents name what was deployed by artifactId, a package URL (purl):
// pkg:type/namespace/name@version?qualifiers#subpath. The contract needs the deployed
// commit, which a purl carries in two standard places: a version that is a full commit
// SHA (pkg:github/acme/checkout@<sha>), or the vcs_url qualifier, whose value ends in
// @<sha> (vcs_url=git+https://github.com/acme/checkout@<sha>). Image digests
// (sha256:…, 64 hex) are not commits and are never taken for one.

const COMMIT = /^[0-9a-f]{40}$/i;

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The commit SHA (lower case) an artifactId carries, or undefined. */
export function commitOfArtifact(artifactId: string): string | undefined {
  if (!artifactId.startsWith("pkg:")) return undefined;
  const [withoutSubpath = ""] = artifactId.split("#", 1);
  const queryAt = withoutSubpath.indexOf("?");
  const path = queryAt < 0 ? withoutSubpath : withoutSubpath.slice(0, queryAt);
  const query = queryAt < 0 ? "" : withoutSubpath.slice(queryAt + 1);
  const versionAt = path.lastIndexOf("@");
  const version = versionAt < 0 ? "" : decode(path.slice(versionAt + 1));
  if (COMMIT.test(version)) return version.toLowerCase();
  for (const pair of query.split("&")) {
    const [key = "", value = ""] = pair.split("=", 2);
    if (key.toLowerCase() !== "vcs_url") continue;
    const sha = /@([0-9a-f]{40})$/i.exec(decode(value))?.[1];
    if (sha) return sha.toLowerCase();
  }
  return undefined;
}
