package org.segmentdsl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.LintFinding;
import org.segmentdsl.Segment;
import org.segmentdsl.json.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Finds segments that are valid but probably wrong: {@code FILE: /pointer: CODE: message} a
 * finding, or {@code FILE: ok}; an invalid file is reported as {@code validate} reports it (exit
 * status 1, after the other files).
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = "Loads the dataset folder (or snapshot file) and lints segment files: prints "
        + "'FILE: /pointer: CODE: message' for each finding (never-matches, always-matches, "
        + "unknown-tag, unknown-list, unknown-event, unknown-value, duplicate, empty, everyone) "
        + "and 'FILE: ok' for a file without findings. Findings are not errors (exit 0); an "
        + "invalid file is (exit 1).")
final class LintCommand implements Callable<Integer> {
  @ParentCommand
  SegmentCli cli;

  @Mixin
  DatasetOptions options;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Segment files.")
  List<Path> files;

  @Override
  public Integer call() {
    Dataset data = options.load(cli.err());
    IndexSnapshot snapshot = data.index().snapshot();
    EvaluationContext ctx = options.context(data);
    List<String> problems = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    for (Path file : files) {
      List<LintFinding> findings;
      try {
        Segment segment = DatasetOptions.segment(file, data);
        findings = snapshot.lint(segment, ctx);
      } catch (InvalidInput e) {
        problems.addAll(e.messages());
        continue;
      } catch (InvalidSegmentException e) {
        problems.addAll(DatasetOptions.problems(file.toString(), e));
        continue;
      }
      if (findings.isEmpty()) {
        out.append(file).append(": ok\n");
      }
      for (LintFinding f : findings) {
        out.append(file).append(": ").append(f).append('\n');
      }
    }
    cli.out().print(out);
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    return SegmentCli.OK;
  }
}
