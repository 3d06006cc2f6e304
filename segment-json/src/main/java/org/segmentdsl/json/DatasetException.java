package org.segmentdsl.json;

import java.util.List;
import org.segmentdsl.SegmentDslException;

/**
 * A dataset folder could not be loaded. Each problem names the file and the line (or, in a
 * saved segment, the JSON Pointer) and says what is wrong:
 * {@code data/contacts.jsonl:1832: field "company_size" expects a number, got "12a"}. At most
 * {@value #MAX_PROBLEMS} are listed; the others are counted ({@link #moreProblems()}), and the
 * message ends with {@code ... and 250 more problems}. Nothing was built.
 */
public final class DatasetException extends SegmentDslException {
  private static final long serialVersionUID = 1L;

  /** Most problems one load lists. */
  public static final int MAX_PROBLEMS = 100;

  /** Each problem listed, {@code file:line: message}. */
  private final List<String> problems;
  /** How many problems were found beyond those listed. */
  private final long moreProblems;

  /**
   * A load that failed with these problems and no others.
   *
   * @param problems each problem, {@code file:line: message}
   */
  public DatasetException(List<String> problems) {
    this(problems, 0, false);
  }

  /**
   * A load that failed with these problems listed and more counted.
   *
   * @param problems the problems listed, each {@code file:line: message}
   * @param moreProblems how many more were found and not listed
   * @param countStopped whether the load stopped counting them (there may be more still)
   */
  public DatasetException(List<String> problems, long moreProblems, boolean countStopped) {
    super(message(problems, moreProblems, countStopped), false);
    this.problems = List.copyOf(problems);
    this.moreProblems = moreProblems;
  }

  private static String message(List<String> problems, long more, boolean stopped) {
    String listed = String.join("\n", problems);
    return more == 0 ? listed : listed + "\n... and " + (stopped ? "at least " : "") + more
        + " more problem" + (more == 1 ? "" : "s");
  }

  /** {@return each problem listed, {@code file:line: message}} */
  public List<String> problems() {
    return problems;
  }

  /** {@return how many problems were found beyond those listed} */
  public long moreProblems() {
    return moreProblems;
  }

  /**
   * {@return the problems listed, then {@code ... and N more problems} if there were more: what
   * a command line prints, a line each}
   */
  public List<String> lines() {
    if (moreProblems == 0) {
      return problems;
    }
    return java.util.stream.Stream.concat(problems.stream(),
        java.util.stream.Stream.of(getMessage().substring(getMessage().lastIndexOf('\n') + 1)))
        .toList();
  }
}
