package org.segmentdsl.json;

import java.util.List;
import org.segmentdsl.InvalidSegmentException;

/**
 * A saved segment document is not valid {@code segment/v1}: malformed JSON, a rule of the format
 * broken, a limit passed, or (when read against a schema and registry) a condition that does not
 * fit them. Lists every problem found, up to 100, each a JSON Pointer into the document and a
 * message: {@code /where/all/2/op: operator "gt" does not apply to string field "country"}.
 */
public final class SegmentFormatException extends InvalidSegmentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param problems the problems found, in document order (copied); the message lists them one a
   *     line
   */
  public SegmentFormatException(List<Problem> problems) {
    super(problems);
  }
}
