package org.segmentdsl.json;

import java.util.List;
import org.segmentdsl.SegmentDslException;

/**
 * A schema document ({@code schema.json}) could not be read: missing, too large, malformed, or
 * holding an unknown type, key or name. Each problem is {@code file: /pointer: message}.
 */
public final class SchemaFormatException extends SegmentDslException {
  private static final long serialVersionUID = 1L;

  /** Each problem, {@code file: /pointer: message}. */
  @SuppressWarnings("serial") // an immutable List.copyOf of strings
  private final List<String> problems;

  SchemaFormatException(List<String> problems) {
    super(String.join("\n", problems), false);
    this.problems = List.copyOf(problems);
  }

  /** {@return each problem, {@code file: /pointer: message}, in document order} */
  public List<String> problems() {
    return problems;
  }
}
