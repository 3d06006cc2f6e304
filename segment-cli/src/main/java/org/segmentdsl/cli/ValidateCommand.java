package org.segmentdsl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.segmentdsl.json.Dataset;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Checks segment files, alone or against a dataset's schema and saved segments. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Checks segment files: prints 'FILE: ok' for each valid one, and each problem "
        + "as 'error: FILE: /json/pointer: message' on standard error. With --data (or "
        + "--snapshot), also against that dataset's schema and saved segments.")
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand
  SegmentCli cli;

  /** The dataset (folder or snapshot file) whose schema and saved segments to check against. */
  @ArgGroup(exclusive = true, multiplicity = "0..1")
  DatasetOptions.Input data;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Segment files.")
  List<Path> files;

  @Override
  public Integer call() {
    Dataset dataset = data != null ? data.load(cli.err()) : null;
    List<String> problems = new ArrayList<>();
    StringBuilder ok = new StringBuilder();
    for (Path file : files) {
      try {
        DatasetOptions.segment(file, dataset);
        ok.append(file).append(": ok\n");
      } catch (InvalidInput e) {
        problems.addAll(e.messages());
      }
    }
    cli.out().print(ok);
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    return SegmentCli.OK;
  }
}
