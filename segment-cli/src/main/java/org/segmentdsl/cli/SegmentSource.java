package org.segmentdsl.cli;

import java.nio.file.Path;
import org.segmentdsl.Segment;
import org.segmentdsl.json.Dataset;
import picocli.CommandLine.Option;

/** One segment, from a file ({@code --segment FILE}) or given inline ({@code --json TEXT}). */
final class SegmentSource {
  @Option(names = "--segment", paramLabel = "FILE", required = true,
      description = "A segment/v1 file.")
  Path file;

  @Option(names = "--json", paramLabel = "TEXT", required = true,
      description = "A segment/v1 document given inline.")
  String json;

  /** Reads the segment against the dataset's schema and saved segments. */
  Segment read(Dataset data) {
    return json != null ? DatasetOptions.inline(json, data) : DatasetOptions.segment(file, data);
  }

  /** What error messages call it: the file as given, or {@code --json}. */
  String name() {
    return json != null ? "--json" : file.toString();
  }
}
