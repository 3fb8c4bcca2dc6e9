/** What an operation takes and answers: the shape the client's typed methods read (the generated index has one per operation). */
export interface OperationTypes {
  init: object;
  /** true when the call needs an init object (path parameters, required query parameters or body). */
  required: boolean;
  data: unknown;
  error: unknown;
}
