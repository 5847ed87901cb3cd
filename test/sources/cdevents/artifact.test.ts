// The commit a purl artifactId carries, and what is never taken for one.
import { expect, it } from "vitest";
import { commitOfArtifact } from "../../../src/sources/cdevents/artifact.ts";

const SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

it.each([
  [`pkg:github/acme/checkout@${SHA}`, SHA],
  [`pkg:generic/checkout@${SHA.toUpperCase()}?arch=amd64#sub/dir`, SHA],
  [
    `pkg:oci/checkout@sha256%3Aabc?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme%2Fcheckout%40${SHA}`,
    SHA,
  ],
  [`pkg:oci/checkout?repository_url=r.example&vcs_url=git+https://github.com/acme/x@${SHA}`, SHA],
])("%s carries %s", (artifactId, commit) => {
  expect(commitOfArtifact(artifactId)).toBe(commit);
});

it.each([
  "pkg:oci/myapp@sha256%3A0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427",
  "pkg:npm/checkout@1.4.2",
  "pkg:github/acme/checkout@a1b2c3d",
  `ghcr.io/acme/checkout@${SHA}`,
  `pkg:oci/checkout?vcs_url=git+https://github.com/acme/x@main`,
])("%s carries no commit", (artifactId) => {
  expect(commitOfArtifact(artifactId)).toBeUndefined();
});
