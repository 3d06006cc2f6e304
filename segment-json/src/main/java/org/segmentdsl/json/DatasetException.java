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
  /** The problems and the count of the others, a line each. */
  private final List<String> lines;

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
    this(List.copyOf(problems), moreProblems, lines(problems, moreProblems, countStopped));
  }

  private DatasetException(List<String> problems, long moreProblems, List<String> lines) {
    super(String.join("\n", lines), false);
    this.problems = problems;
    this.moreProblems = moreProblems;
    this.lines = lines;
  }

  /** The problems, then {@code ... and N more problems} if there were more. */
  private static List<String> lines(List<String> problems, long more, boolean stopped) {
    if (more == 0) {
      return List.copyOf(problems);
    }
    List<String> lines = new java.util.ArrayList<>(problems);
    lines.add("... and " + (stopped ? "at least " : "") + more + " more problem"
        + (more == 1 ? "" : "s"));
    return List.copyOf(lines);
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
    return lines;
  }

}
