import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes a whole folder atomically: files go to a sibling temp folder, which then replaces the
 * old one by rename. A crash or error before the swap leaves the previous output untouched.
 */
export async function writeFolderAtomically(folder: string, files: Map<string, string>): Promise<void> {
  const parent = dirname(folder);
  const staging = join(parent, `.${basename(folder)}.staging-${process.pid}`);
  const retired = join(parent, `.${basename(folder)}.retired-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    for (const [name, content] of files) await writeFile(join(staging, name), content);
    const hadPrevious = await exists(folder);
    if (hadPrevious) await rename(folder, retired);
    await rename(staging, folder);
    if (hadPrevious) await rm(retired, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Names of files that differ between the folder on disk and what would be written. */
export async function diffFolder(folder: string, files: Map<string, string>): Promise<string[]> {
  const onDisk = (await exists(folder)) ? await readdir(folder) : [];
  const differing = onDisk.filter((name) => !files.has(name)).map((name) => `${name} (not generated)`);
  for (const [name, content] of files) {
    const current = await readFile(join(folder, name), "utf8").catch(() => undefined);
    if (current === undefined) differing.push(`${name} (missing)`);
    else if (current !== content) differing.push(name);
  }
  return differing.sort();
}

async function exists(path: string): Promise<boolean> {
  return readdir(path).then(
    () => true,
    () => false,
  );
}
