import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { writeFoldersAtomically } from "../src/write-output.js";

const scratch = mkdtempSync(join(tmpdir(), "write-output-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const files = (text: string) => new Map([["a.ts", text]]);

test("folders are written all or none; a path that holds a file of the user's keeps it; nothing is left behind", async () => {
  const root = join(scratch, "all-or-none");
  mkdirSync(join(root, "one"), { recursive: true });
  writeFileSync(join(root, "one/a.ts"), "old one");
  mkdirSync(join(root, "two"));
  writeFileSync(join(root, "two/gen"), "a file of the user's, where a folder would go");
  const failed = await writeFoldersAtomically([
    [join(root, "one"), files("new one")],
    [join(root, "two/gen"), files("new two")],
  ]).catch((e: unknown) => e);
  expect(failed).toBeInstanceOf(Error);
  expect(readFileSync(join(root, "one/a.ts"), "utf8")).toBe("old one");
  expect(readFileSync(join(root, "two/gen"), "utf8")).toBe("a file of the user's, where a folder would go");
  expect(readdirSync(root).sort()).toEqual(["one", "two"]);
  expect(readdirSync(join(root, "two"))).toEqual(["gen"]);

  await writeFoldersAtomically([
    [join(root, "one"), files("new one")],
    [join(root, "three"), files("new three")],
  ]);
  expect(readFileSync(join(root, "one/a.ts"), "utf8")).toBe("new one");
  expect(readFileSync(join(root, "three/a.ts"), "utf8")).toBe("new three");
  expect(readdirSync(root).sort()).toEqual(["one", "three", "two"]);
});
