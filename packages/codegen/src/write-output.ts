import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes folders as one: each folder's files go to a sibling temp folder, which then replaces the old one by rename.
 * Every folder is staged first, so a folder that cannot be written (no space, no
 * permission, a file where its parent should be) leaves all of them as they were; then each replaces its old self by
 * rename, and a rename that fails puts back the ones already swapped.
 */
export async function writeFoldersAtomically(outputs: readonly [string, Map<string, string>][]): Promise<void> {
  const staged: { folder: string; staging: string; retired: string; hadPrevious: boolean }[] = [];
  try {
    for (const [folder, files] of outputs) {
      const parent = dirname(folder);
      const staging = join(parent, `.${basename(folder)}.staging-${process.pid}`);
      const retired = join(parent, `.${basename(folder)}.retired-${process.pid}`);
      await rm(staging, { recursive: true, force: true });
      staged.push({ folder, staging, retired, hadPrevious: false });
      await mkdir(staging, { recursive: true });
      for (const [name, content] of files) await writeFile(join(staging, name), content);
    }
    const swapped: typeof staged = [];
    try {
      for (const entry of staged) {
        entry.hadPrevious = await exists(entry.folder);
        if (entry.hadPrevious) await rename(entry.folder, entry.retired);
        try {
          await rename(entry.staging, entry.folder);
        } catch (error) {
          // Whatever is at the folder's path (a file of the user's) was never ours to remove: only the old output
          // goes back.
          if (entry.hadPrevious) await rename(entry.retired, entry.folder);
          throw error;
        }
        swapped.push(entry);
      }
    } catch (error) {
      // Every swapped folder gets its old output back, even if one of them cannot.
      for (const entry of swapped.reverse()) {
        await rm(entry.folder, { recursive: true, force: true }).catch(() => {});
        if (entry.hadPrevious) await rename(entry.retired, entry.folder).catch(() => {});
      }
      throw error;
    }
    // Swapped: the old output is only cleaned up, and a cleanup that fails does not undo the write.
    for (const entry of staged) await rm(entry.retired, { recursive: true, force: true }).catch(() => {});
  } finally {
    for (const entry of staged) await rm(entry.staging, { recursive: true, force: true });
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
