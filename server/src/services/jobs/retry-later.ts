/**
 * Thrown by a job's work that should run again later (kintone busy or down, the day's requests spent, the
 * candidate index still building), not fail for good. Its own module so that the services that throw it
 * and the job worker that catches it both depend on it, and no service depends on the worker.
 */
export class RetryLater extends Error {
  constructor(
    readonly at: Date,
    message: string,
  ) {
    super(message);
    this.name = "RetryLater";
  }
}
