import { expect, test } from "vitest";
import { redactUrl } from "../../src/store/postgres-connection.ts";

// A database URL in an error message keeps where it points and hides every password,
// in the user part or as a libpq query parameter.

test("hides the password in the user part and in query parameters", () => {
  const redacted = redactUrl(
    "postgres://app:hunter2@db.internal:5432/kpi?sslmode=require&password=s3cret&sslpassword=k3y",
  );
  expect(redacted).not.toMatch(/hunter2|s3cret|k3y/);
  expect(redacted).toContain("db.internal:5432/kpi");
  expect(redacted).toContain("sslmode=require");
});
