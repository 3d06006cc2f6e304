package org.segmentdsl.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.SegmentReport;
import org.segmentdsl.json.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * A line per segment: its size and share, and per event type the 30-day activity of its members
 * beside the other contacts': {@code {"segment":KEY,"count":N,"share":X,"activity":{TYPE:
 * {"members":N,"membersShare":X,"others":N,"othersShare":X},...}}}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Loads the dataset folder (or snapshot file) and prints, per segment, its size "
        + "and share, and per event type the members and other contacts active in the last 30 "
        + "days.")
final class ReportCommand implements Callable<Integer> {
  @ParentCommand
  SegmentCli cli;

  @Mixin
  DatasetOptions options;

  @Option(names = "--segment", paramLabel = "FILE", required = true,
      description = "A segment/v1 file (may be repeated).")
  List<String> files;

  @Override
  public Integer call() {
    Dataset data = options.load(cli.err());
    OverlapCommand.Keyed segments = OverlapCommand.Keyed.read(files, data);
    IndexSnapshot snapshot = data.index().snapshot();
    EvaluationContext ctx = options.context(data);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < segments.list().size(); i++) {
      SegmentReport r;
      try {
        r = snapshot.report(segments.list().get(i), ctx);
      } catch (InvalidSegmentException e) {
        throw new InvalidInput(DatasetOptions.problems(files.get(i), e));
      }
      out.append("{\"segment\":").append(Json.string(segments.keys().get(i)))
          .append(",\"count\":").append(r.count())
          .append(",\"share\":").append(number(r.share()))
          .append(",\"activity\":{");
      String sep = "";
      for (Map.Entry<String, SegmentReport.Activity> e : r.activity().entrySet()) {
        SegmentReport.Activity a = e.getValue();
        out.append(sep).append(Json.string(e.getKey()))
            .append(":{\"members\":").append(a.members())
            .append(",\"membersShare\":").append(number(a.membersShare()))
            .append(",\"others\":").append(a.others())
            .append(",\"othersShare\":").append(number(a.othersShare())).append('}');
        sep = ",";
      }
      out.append("}}\n");
    }
    cli.out().print(out);
    return SegmentCli.OK;
  }

  /** A share as JSON: Java's shortest round-trip text of the double. */
  static String number(double d) {
    return Double.toString(d);
  }
}
