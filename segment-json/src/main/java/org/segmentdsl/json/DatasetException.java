package org.segmentdsl.json;

import java.util.List;

/**
 * A dataset folder could not be loaded. Each problem names the file and the line (or, in a
 * saved segment, the JSON Pointer) and says what is wrong:
 * {@code data/contacts.jsonl:1832: field "company_size" expects a number, got "12a"}. At most
 * {@value #MAX_PROBLEMS} are collected. Nothing was built.
 */
public final class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Most problems one load reports. */
  public static final int MAX_PROBLEMS = 100;

  private final List<String> problems;

  public DatasetException(List<String> problems) {
    super(String.join("\n", problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  /** Each problem, {@code file:line: message}. */
  public List<String> problems() {
    return problems;
  }
}
