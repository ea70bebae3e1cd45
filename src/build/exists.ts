/** Whether a file or folder is there (a cache marker, a picture, a data file); any error reading it counts as no. */
import { stat } from 'node:fs/promises';

export function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
