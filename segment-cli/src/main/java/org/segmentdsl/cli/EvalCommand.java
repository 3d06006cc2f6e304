package org.segmentdsl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.Segment;
import org.segmentdsl.json.Dataset;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Evaluates segments on a dataset (folder or snapshot file) and prints their members. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Loads the dataset folder (or snapshot file), evaluates the segment(s) and "
        + "prints the result. "
        + "With several --segment, the dataset is loaded once and each result is one JSON line.")
final class EvalCommand implements Callable<Integer> {
  enum Output { ids, count, json }

  @ParentCommand
  SegmentCli cli;

  @Spec
  CommandSpec spec;

  @Mixin
  DatasetOptions options;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--segment", paramLabel = "FILE", required = true,
        description = "A segment/v1 file (may be repeated).")
    List<Path> files;

    @Option(names = "--json", paramLabel = "TEXT", required = true,
        description = "A segment/v1 document given inline.")
    String json;
  }

  @Option(names = "--output", paramLabel = "FORMAT",
      description = "ids (default: one id a line, in the order of contacts.jsonl), count, or "
          + "json ({\"count\": N, \"ids\": [...]}); json with several --segment.")
  Output output;

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "memory",
      description = "memory (default), duckdb or spark: where to evaluate; every engine prints "
          + "the same bytes.")
  Engines.Kind engine;

  @Override
  public Integer call() {
    boolean several = source.files != null && source.files.size() > 1;
    if (several && output != null && output != Output.json) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "with several --segment the output is json (one object a line)");
    }
    Output format = output != null ? output : several ? Output.json : Output.ids;
    Dataset data = options.load(cli.err());
    EvaluationContext ctx = options.context(data);
    List<String> labels = new ArrayList<>();
    List<Segment> segments = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (source.json != null) {
      labels.add("--json");
      segments.add(DatasetOptions.inline(source.json, data));
    } else {
      for (Path file : source.files) {
        try {
          segments.add(DatasetOptions.segment(file, data));
          labels.add(file.toString());
        } catch (InvalidInput e) {
          problems.addAll(e.messages());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    IndexSnapshot snapshot = data.index().snapshot();
    StringBuilder out = new StringBuilder();
    try (Engines.Engine on = Engines.open(engine, snapshot)) {
      for (int i = 0; i < segments.size(); i++) {
        try {
          switch (format) {
            case ids -> on.ids(segments.get(i), ctx).forEach(id -> out.append(id).append('\n'));
            case count -> out.append(on.count(segments.get(i), ctx)).append('\n');
            default -> out.append(Json.result(several ? labels.get(i) : null,
                on.ids(segments.get(i), ctx))).append('\n');
          }
        } catch (InvalidSegmentException e) {
          throw new InvalidInput(DatasetOptions.problems(labels.get(i), e));
        }
      }
    }
    cli.out().print(out);
    return SegmentCli.OK;
  }
}
