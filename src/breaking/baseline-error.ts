/** The `--against` baseline cannot be had (unknown git ref, not a git repository, not a model file): a usage error, exit 2. */
export class BaselineError extends Error {
  override readonly name = 'BaselineError';
}
