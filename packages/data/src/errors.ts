/**
 * Errors about data on disk or on the way to it. Each message is one line that names what went wrong and
 * where: the file and line (and column) for bad content, the file, directory and its source for a missing
 * file, the URL for a failed download.
 */
export class DataError extends Error {
  override name = "DataError";
}

/** Content that does not follow the dataset's published format. */
export class DataFormatError extends DataError {
  override name = "DataFormatError";
  constructor(
    readonly file: string,
    /** 1-based; undefined when the problem is the file as a whole. */
    readonly line: number | undefined,
    readonly problem: string,
    readonly column?: string,
  ) {
    super(`${file}${line === undefined ? "" : `:${line}`}: ${column === undefined ? "" : `column "${column}": `}${problem}`);
  }
}

/** A dataset file that is not where the loader looks for it. */
export class MissingDataError extends DataError {
  override name = "MissingDataError";
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/** A download that failed, was refused, or did not match its checksum. */
export class FetchError extends DataError {
  override name = "FetchError";
}
