// Exit codes of the project's producing CLIs, one meaning each.
export const EXIT_OK = 0;
/** Some rows or lines were refused; the good ones were published. */
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;
/** Kafka or the registry failed: nothing is known to be published; retrying is safe. */
export const EXIT_INFRASTRUCTURE = 3;
