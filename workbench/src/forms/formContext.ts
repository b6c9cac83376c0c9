/** What the form widgets get from the screen hosting the form (rjsf `formContext`). */

/** A stored file. */
export interface Uploaded { id: string; name: string; mime: string; size: number }

/** The widgets' context. */
export interface FormCtx {
  /** stores a file (on the case, or on the draft before the case exists), for the form field `field` when it is one */
  upload?: (file: Blob, name: string, field?: string) => Promise<Uploaded>;
  /** the local ID-card reader bridge, when configured */
  bridgeUrl?: string | null;
  /** fills other fields from a card the reader returned (name, address) */
  onCardRead?: (card: Record<string, string>) => void;
  /** the form's data as it stands (a widget reads a sibling field: the consent picker, the person's ID number) */
  data?: () => Record<string, unknown>;
  /** names the screen already knows for people, units (by path) and grids (by code) the data holds */
  names?: { user?(id: string): string | undefined; org?(path: string): string | undefined; grid?(code: string): string | undefined };
}
