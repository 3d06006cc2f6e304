package org.segmentdsl.cli;

import java.util.concurrent.Callable;
import org.segmentdsl.TagAudit;
import org.segmentdsl.json.Dataset;
import org.segmentdsl.json.InsightJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * A tag audit of the dataset against its own saved segments ({@link TagAudit}): {@code --output
 * text} (the default) prints {@link TagAudit#toString()}, {@code --output json} the lines of
 * {@link InsightJson#tags}. It evaluates nothing: {@code --now} and {@code --zone}, which every
 * insight command takes, are accepted (so that a script may pass the same options to each) and
 * ignored, and not shown in the help.
 */
@Command(name = "tags", mixinStandardHelpOptions = true,
    description = "Loads the dataset folder (or snapshot file) and audits its tags: each tag "
        + "with the contacts that carry it and its findings (case-variant of X, near-duplicate "
        + "of X, off-convention, rare, unused by the saved segments).")
final class TagsCommand implements Callable<Integer> {
  enum Output { text, json }

  @ParentCommand
  SegmentCli cli;

  @ArgGroup(exclusive = true, multiplicity = "1")
  DatasetOptions.Input input;

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default): a line per tag; json: one object a tag.")
  Output output;

  @Option(names = "--now", paramLabel = "INSTANT", hidden = true,
      converter = DatasetOptions.InstantConverter.class,
      description = "Accepted and ignored: a tag audit does not depend on time.")
  java.time.Instant now;

  @Option(names = "--zone", paramLabel = "ZONE", hidden = true,
      converter = DatasetOptions.ZoneConverter.class,
      description = "Accepted and ignored: a tag audit does not depend on time.")
  java.time.ZoneId zone;

  @Override
  public Integer call() {
    Dataset data = input.load(cli.err());
    TagAudit audit = data.index().snapshot().tagAudit(data.segments());
    cli.out().print(output == Output.text ? audit.toString() : InsightJson.tags(audit));
    return SegmentCli.OK;
  }
}
