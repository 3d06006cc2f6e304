package org.segmentdsl.cli;

import java.util.concurrent.Callable;
import org.segmentdsl.ContactExplanation;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.Names;
import org.segmentdsl.Segment;
import org.segmentdsl.json.Dataset;
import org.segmentdsl.json.InsightJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Explains one contact against one segment, node by node as written: {@code --output text} (the
 * default) prints {@link ContactExplanation#toString()}, {@code --output json} the lines of {@link
 * InsightJson#why}.
 */
@Command(name = "why", mixinStandardHelpOptions = true,
    description = "Loads the dataset folder (or snapshot file) and explains one contact against "
        + "the segment: each condition node as written, whether it holds for that contact on its "
        + "own, and what decided it (the stored value, the matching tags, the events counted, the "
        + "list status, the deals).")
final class WhyCommand implements Callable<Integer> {
  enum Output { text, json }

  @ParentCommand
  SegmentCli cli;

  @Mixin
  DatasetOptions options;

  @ArgGroup(exclusive = true, multiplicity = "1")
  SegmentSource source;

  @Option(names = "--contact", paramLabel = "ID", required = true,
      description = "The contact's id.")
  String contact;

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default): the tree, indented; json: one object a node.")
  Output output;

  @Override
  public Integer call() {
    Dataset data = options.load(cli.err());
    Segment segment = source.read(data);
    ContactExplanation why;
    try {
      why = data.index().snapshot().why(segment, contact, options.context(data))
          .orElseThrow(() -> new InvalidInput(
              "contact " + Names.quote(contact) + " is not in the index"));
    } catch (InvalidSegmentException e) {
      throw new InvalidInput(DatasetOptions.problems(source.name(), e));
    }
    if (output == Output.text) {
      cli.out().print(why);
      return SegmentCli.OK;
    }
    cli.out().print(InsightJson.why(why));
    return SegmentCli.OK;
  }
}
