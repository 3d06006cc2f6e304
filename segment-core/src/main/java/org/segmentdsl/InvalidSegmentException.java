package org.segmentdsl;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A segment or condition cannot be evaluated: unknown field, operator or value that does not fit
 * the field's type, a limit passed. Every {@link Problem} names where it is as a JSON Pointer into
 * the segment as saved segment JSON would hold it ({@code /where/all/2/op}) and what is wrong.
 */
public class InvalidSegmentException extends SegmentDslException {
  private static final long serialVersionUID = 1L;

  /** Most problems collected before giving up. */
  public static final int MAX_PROBLEMS = 100;

  /**
   * One problem.
   *
   * @param pointer a JSON Pointer (RFC 6901) into the segment document; {@code ""} is the whole
   *     document
   * @param message what is wrong
   * @serial exclude
   */
  public record Problem(String pointer, String message) implements java.io.Serializable {
    /**
     * {@code pointer: message}, or the message alone for the whole document; the pointer
     * {@link Names#escape escaped}, so that a key holding a line break stays on its line.
     */
    @Override
    public String toString() {
      return pointer.isEmpty() ? message : Names.escape(pointer) + ": " + message;
    }
  }

  /** Every problem found, in document order. */
  @SuppressWarnings("serial") // an immutable List.copyOf of serializable records
  private final List<Problem> problems;

  /**
   * @param problems the problems found, in document order (copied); the message lists them one a
   *     line
   */
  public InvalidSegmentException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /**
   * An exception with one problem.
   *
   * @param pointer a JSON Pointer into the segment document; {@code ""} is the whole document
   * @param message what is wrong
   */
  public InvalidSegmentException(String pointer, String message) {
    this(List.of(new Problem(pointer, message)));
  }

  /** {@return every problem found, in document order, at most {@value #MAX_PROBLEMS}} */
  public List<Problem> problems() {
    return problems;
  }
}
