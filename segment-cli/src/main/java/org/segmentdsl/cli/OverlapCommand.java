package org.segmentdsl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentOverlap;
import org.segmentdsl.json.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * How segments overlap on one snapshot of a dataset: a line per segment, {@code
 * {"segment":KEY,"count":N}}, then a line per pair {@code i < j}, {@code
 * {"a":KEY,"b":KEY,"both":N,"onlyA":N,"onlyB":N,"jaccard":X}}; a segment's key is its id, else
 * its file name as given.
 */
@Command(name = "overlap", mixinStandardHelpOptions = true,
    description = "Loads the dataset folder (or snapshot file), evaluates the segments on one "
        + "snapshot and prints each one's size, then each pair's overlap and Jaccard index.")
final class OverlapCommand implements Callable<Integer> {
  @ParentCommand
  SegmentCli cli;

  @Mixin
  DatasetOptions options;

  @Option(names = "--segment", paramLabel = "FILE", required = true,
      description = "A segment/v1 file; give two or more.")
  List<String> files;

  @Override
  public Integer call() {
    Dataset data = options.load(cli.err());
    Keyed read = Keyed.read(files, data);
    List<Segment> segments = read.list();
    List<String> keys = read.keys();
    SegmentOverlap overlap;
    try {
      overlap = data.index().snapshot().overlap(segments, options.context(data));
    } catch (InvalidSegmentException e) {
      throw new InvalidInput(DatasetOptions.problems("--segment", e));
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      out.append("{\"segment\":").append(Json.string(keys.get(i))).append(",\"count\":")
          .append(overlap.counts().get(i)).append("}\n");
    }
    for (SegmentOverlap.Pair p : overlap.pairs()) {
      out.append("{\"a\":").append(Json.string(keys.get(p.a())))
          .append(",\"b\":").append(Json.string(keys.get(p.b())))
          .append(",\"both\":").append(p.both())
          .append(",\"onlyA\":").append(p.onlyA())
          .append(",\"onlyB\":").append(p.onlyB())
          .append(",\"jaccard\":").append(ReportCommand.number(p.jaccard()))
          .append("}\n");
    }
    cli.out().print(out);
    return SegmentCli.OK;
  }

  /**
   * Segment files read against the dataset, each with its key: its id, else its file name
   * exactly as given (not normalised), as the insight commands print it.
   */
  record Keyed(List<Segment> list, List<String> keys) {
    /** Reads every file; all their problems at once. */
    static Keyed read(List<String> files, Dataset data) {
      List<Segment> segments = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      for (String file : files) {
        try {
          Segment s = DatasetOptions.segment(Path.of(file), data);
          segments.add(s);
          keys.add(s.id() != null ? s.id() : file);
        } catch (InvalidInput e) {
          problems.addAll(e.messages());
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidInput(problems);
      }
      return new Keyed(segments, keys);
    }
  }
}
