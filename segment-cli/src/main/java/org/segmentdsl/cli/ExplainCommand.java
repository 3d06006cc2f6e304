package org.segmentdsl.cli;

import java.util.concurrent.Callable;
import org.segmentdsl.Explanation;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.Segment;
import org.segmentdsl.json.Dataset;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** Prints a segment's condition tree with each node's own match count. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Loads the dataset folder (or snapshot file) and prints the segment's "
        + "condition tree, one node a line, indented, each with the number of contacts it matches "
        + "on its own (inside deal and account: deals and accounts), then the total.")
final class ExplainCommand implements Callable<Integer> {
  @ParentCommand
  SegmentCli cli;

  @Mixin
  DatasetOptions options;

  @ArgGroup(exclusive = true, multiplicity = "1")
  SegmentSource source;

  @Override
  public Integer call() {
    Dataset data = options.load(cli.err());
    Segment segment = source.read(data);
    Explanation explanation;
    try {
      explanation = data.index().explain(segment, options.context(data));
    } catch (InvalidSegmentException e) {
      throw new InvalidInput(DatasetOptions.problems(source.name(), e));
    }
    cli.out().println(explanation);
    return SegmentCli.OK;
  }
}
