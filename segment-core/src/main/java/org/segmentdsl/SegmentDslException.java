package org.segmentdsl;

/**
 * The base of the exceptions Segment DSL throws for input it refuses and for work it was told to
 * stop: catch it to handle them all. Each message says where the problem is (a contact and a
 * field, a JSON Pointer, a {@code file:line}) and what is wrong, in the terms of the formats'
 * rules.
 *
 * <ul>
 *   <li>{@link InvalidSegmentException}: a segment or condition does not fit the schema or the
 *       limits; its subclass {@code SegmentFormatException} (module {@code segment-json}): a
 *       document is not valid {@code segment/v1}.
 *   <li>{@link InvalidContactException}, {@link InvalidEntityException}: a batch was refused (the
 *       index is unchanged).
 *   <li>{@link EvaluationCancelledException}: an evaluation passed its deadline or was cancelled.
 *   <li>In {@code segment-json}: {@code DatasetException} (a dataset folder), {@code
 *       SchemaFormatException} (a schema document), {@code InvalidChangeException} (a line of a
 *       change stream).
 * </ul>
 *
 * <p>Not under it: a file that cannot be read or written is an {@link java.io.IOException} from
 * the methods that read or write files (a damaged or foreign snapshot file is the {@code
 * IOException} {@link InvalidSnapshotException}); a null argument is a {@link
 * NullPointerException} naming it; calling a method in the wrong state (a closed live segment) is
 * an {@link IllegalStateException}.
 */
public abstract class SegmentDslException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with that message.
   *
   * @param message where and what, one line per problem
   */
  protected SegmentDslException(String message) {
    super(message);
  }

  /**
   * An exception with that message and cause.
   *
   * @param message where and what, one line per problem
   * @param cause the refusal that led to this one, or {@code null}
   */
  protected SegmentDslException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * An exception with that message, without a stack trace: for input errors found by reading,
   * whose stack would say nothing to the user.
   *
   * @param message where and what, one line per problem
   * @param withStackTrace whether to fill in the stack trace
   */
  protected SegmentDslException(String message, boolean withStackTrace) {
    super(message, null, false, withStackTrace);
  }
}
