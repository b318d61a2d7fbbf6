/** Why a decision was taken: a stable code, one plain sentence, and the legal source. */
export interface Reason {
  readonly code: string;
  readonly text: string;
  readonly source: string;
}
