/** A GET that needs nothing but the key, and the item GET that reads one of its entries by a field of the entry. */
export interface WalkStep {
  path: string;
  paginated: boolean;
  /** `/console/v1/gates/{id}`, read with each listed entry's `id`. */
  item?: { path: string; param: string };
}
