package org.segmentdsl;

import java.io.IOException;
import java.util.Objects;

/**
 * A snapshot file cannot be loaded: it is empty, truncated, damaged, not a snapshot, or written by
 * a newer version of the library. The message names the file and what is wrong ({@code
 * customers.snapshot: checksum mismatch in section "events" at bytes 1048576-2097151}); {@link
 * #problem()} says which kind of damage it is, for code that reacts to it.
 *
 * <p>Nothing of a refused file is used: loading either returns a whole index or throws.
 */
public final class InvalidSnapshotException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The kinds of damage. */
  public enum Problem {
    /** The file holds no bytes. */
    EMPTY,
    /** The file ends before the snapshot does. */
    TRUNCATED,
    /** Bytes follow the end of the snapshot. */
    APPENDED,
    /** The file does not start with a snapshot's magic: some other file. */
    NOT_A_SNAPSHOT,
    /** A later library version wrote the file, in a format version this one cannot read. */
    NEWER_VERSION,
    /** A checksum does not match: some bytes changed after the file was written. */
    CHECKSUM,
    /** Checksums match but the content breaks the format (a file not written by this library). */
    MALFORMED
  }

  /** The file's name as the caller gave it. */
  private final String file;
  /** The kind of damage. */
  private final Problem problem;
  /** What is wrong, without the file name. */
  private final String detail;

  /**
   * @param file the file's name as the caller gave it (a path, or a stream's name)
   * @param problem the kind of damage
   * @param detail what is wrong, without the file name
   */
  public InvalidSnapshotException(String file, Problem problem, String detail) {
    super(file + ": " + detail);
    this.file = Objects.requireNonNull(file, "file");
    this.problem = Objects.requireNonNull(problem, "problem");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  /** {@return the file, as the caller named it} */
  public String file() {
    return file;
  }

  /** {@return the kind of damage} */
  public Problem problem() {
    return problem;
  }

  /** {@return what is wrong, without the file name} */
  public String detail() {
    return detail;
  }
}
